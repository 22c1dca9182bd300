// Talking to the studio's server: every request carries the key from the page's address, and
// edits go one at a time, in order, so answers never overtake each other. Each tab has its own
// id, sent with everything it changes, so it knows its own changes when they come back as news.
const token = new URLSearchParams(location.search).get("token") || "";
export const tab = (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`).slice(0, 36);
let queue = Promise.resolve();

async function request(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { "X-Studio-Token": token, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({ error: `the studio answered ${response.status}` }));
  if (!response.ok) {
    const err = new Error(data.error || `the studio answered ${response.status}`);
    err.status = response.status;
    err.data = data;
    throw err;
  }
  return data;
}

export const get = (path) => request("GET", path);

// Work that must wait for the edits sent before it (reading a node after them, say).
export function inOrder(work) {
  const next = queue.then(work);
  queue = next.catch(() => {});
  return next;
}

// POSTs run strictly one after another. ``body`` may be a function, called when the request
// is sent (so it reads what the page holds then); when it gives null nothing is sent.
export function post(path, body = {}) {
  return inOrder(() => {
    const made = typeof body === "function" ? body() : body;
    if (made == null) return null;
    return request("POST", path, { tab, ...made });
  });
}

// Long polling for news the page did not ask for (lint results, files changed on disk, what
// other tabs changed), from ``after``: the number of the last news the page's state includes.
export async function listen(onEvent, after = 0) {
  for (;;) {
    try {
      const data = await get(`/api/events?after=${after}`);
      if (data.closing) { onEvent({ type: "closing" }); return; }
      if (data.resync) { onEvent({ type: "resync" }); return; }
      after = data.seq;
      for (const event of data.events) onEvent(event);
    } catch (err) {
      onEvent({ type: "offline", message: String(err.message || err) });
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}
