// The inkjs side of bench/peers.py. Run by it with Node; inkjs is installed under bench/peers/.
//
//   node inkjs_runner.js '{"mode": "compile", "peers": ..., "ink": ..., "out": ...}'
//     compiles ink source once with inkjs's compiler, writes the JSON, prints one JSON object.
//   node --expose-gc inkjs_runner.js '{"mode": "serve", "peers": ..., "story": ...}'
//     a worker speaking the peers' protocol: one JSON command a line on stdin ("load", "play",
//     "verify", "memory", "about", "quit"), one JSON answer a line on stdout. Timings are wall
//     time and this process's CPU time (process.cpuUsage: user + system, every thread).
"use strict";

const fs = require("fs");
const path = require("path");
const crypto = require("crypto");
const readline = require("readline");

const config = JSON.parse(process.argv[2]);
// Resolve inkjs from bench/peers/, where bench/peers.py installs it.
const peerRequire = require("module").createRequire(path.resolve(config.peers, "index.js"));
const now = () => Number(process.hrtime.bigint()) / 1e9;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const collect = () => {
  if (typeof global.gc === "function") global.gc();
};

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
function play(story, playthroughs, seed, maxSteps, transcript) {
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

function version() {
  const manifest = path.resolve(config.peers, "node_modules", "inkjs", "package.json");
  return JSON.parse(fs.readFileSync(manifest, "utf8")).version;
}

let story = null;
const read = () => {
  const { Story } = peerRequire("inkjs");
  return new Story(fs.readFileSync(config.story, "utf8"));
};

const ops = {
  load() {
    story = null;
    collect();
    const t0 = now();
    const c0 = cpu();
    const loaded = read();
    const result = { wall_s: now() - t0, cpu_s: cpu() - c0 };
    story = loaded;
    return result;
  },
  play({ playthroughs, seed, max_steps }) {
    collect();
    const t0 = now();
    const c0 = cpu();
    const r = play(story, playthroughs, seed, max_steps, null);
    return { wall_s: now() - t0, cpu_s: cpu() - c0, choices: r.choices, chars: r.chars };
  },
  verify({ playthroughs, seed, max_steps }) {
    const transcript = [];
    play(story, playthroughs, seed, max_steps, transcript);
    const sha256 = crypto.createHash("sha256").update(transcript.join("\n"), "utf8").digest("hex");
    return { sha256, head: transcript.slice(0, 12) };
  },
  memory() {
    peerRequire("inkjs"); // the module's own memory is not the story's
    collect();
    const before = process.memoryUsage().rss;
    const loaded = read();
    collect();
    const after = process.memoryUsage().rss;
    const peak = process.resourceUsage().maxRSS * 1024;
    if (!loaded) throw new Error("no story");
    return { rss_before_bytes: before, retained_bytes: after - before, peak_bytes: peak - before };
  },
  about() {
    return { version: version(), node: process.version, gc_exposed: typeof global.gc === "function" };
  },
};

if (config.mode === "compile") {
  const result = compile();
  result.version = version();
  result.node = process.version;
  process.stdout.write(JSON.stringify(result));
} else {
  const lines = readline.createInterface({ input: process.stdin });
  lines.on("line", (line) => {
    const command = JSON.parse(line);
    const op = command.op;
    if (op === "quit") {
      lines.close();
      return;
    }
    let answer;
    try {
      answer = ops[op](command);
    } catch (err) {
      process.stdout.write(JSON.stringify({ error: `${op}: ${err}` }) + "\n");
      lines.close();
      return;
    }
    process.stdout.write(JSON.stringify(answer) + "\n");
  });
}
