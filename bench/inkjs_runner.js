// The inkjs side of bench/peers.py. Run by it with Node; inkjs is installed under bench/peers/.
//
//   node inkjs_runner.js '<json config>'
//
// config.mode "compile": {ink, out}: compile ink source once with inkjs's compiler, write JSON.
// config.mode "run": {json, playthroughs, seed, repeats, load_repeats, max_steps, verify}:
//   time loading the compiled JSON into a Story and playing seeded random playthroughs.
// Prints one JSON object on stdout.
"use strict";

const fs = require("fs");
const path = require("path");
const crypto = require("crypto");

const config = JSON.parse(process.argv[2]);
// Resolve inkjs from bench/peers/, where bench/peers.py installs it.
const peerRequire = require("module").createRequire(path.resolve(config.peers, "index.js"));
const now = () => Number(process.hrtime.bigint()) / 1e9;

function compile() {
  const { Compiler } = peerRequire("inkjs/full");
  const source = fs.readFileSync(config.ink, "utf8");
  const t0 = now();
  const compiler = new Compiler(source);
  const story = compiler.Compile();
  const json = story.ToJson();
  const seconds = now() - t0;
  fs.writeFileSync(config.out, json);
  const errors = compiler.errors || [];
  return { compile_s: seconds, errors: errors.slice(0, 10), warnings: (compiler.warnings || []).length };
}

// The shared policy: one xorshift32 stream, choice = next() % number of choices on offer.
function play(Story, story, playthroughs, seed, maxSteps, transcript) {
  let x = seed >>> 0 || 1;
  let choices = 0;
  let chars = 0;
  for (let p = 0; p < playthroughs; p++) {
    story.ResetState();
    for (let step = 0; ; step++) {
      while (story.canContinue) {
        const text = story.Continue();
        chars += text.length;
        if (transcript) transcript.push(text.replace(/\n$/, ""));
      }
      const offered = story.currentChoices;
      if (offered.length === 0 || step >= maxSteps) break;
      for (const c of offered) {
        chars += c.text.length;
        if (transcript) transcript.push("* " + c.text);
      }
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      const index = x % offered.length;
      if (transcript) transcript.push("> " + index);
      story.ChooseChoiceIndex(index);
      choices++;
    }
    if (transcript) transcript.push("--");
  }
  return { choices, chars };
}

function run() {
  const { Story } = peerRequire("inkjs");
  const loads = [];
  let story = null;
  for (let i = 0; i < config.load_repeats; i++) {
    const t0 = now();
    const text = fs.readFileSync(config.json, "utf8");
    story = new Story(text);
    loads.push(now() - t0);
  }
  const plays = [];
  for (let i = 0; i < config.repeats; i++) {
    const t0 = now();
    const r = play(Story, story, config.playthroughs, config.seed, config.max_steps, null);
    const seconds = now() - t0;
    plays.push({ seconds, choices: r.choices, chars: r.chars });
  }
  const transcript = [];
  play(Story, story, config.verify, config.seed, config.max_steps, transcript);
  const digest = crypto.createHash("sha256").update(transcript.join("\n"), "utf8").digest("hex");
  return { load_s: loads, plays, transcript_sha256: digest, transcript_head: transcript.slice(0, 12) };
}

const result = config.mode === "compile" ? compile() : run();
const manifest = path.resolve(config.peers, "node_modules", "inkjs", "package.json");
result.version = JSON.parse(fs.readFileSync(manifest, "utf8")).version;
result.node = process.version;
process.stdout.write(JSON.stringify(result));
