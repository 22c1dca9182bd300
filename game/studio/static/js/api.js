// Talking to the studio's server: every request carries the key from the page's address, and
// edits go one at a time, in order, so answers never overtake each other.
const token = new URLSearchParams(location.search).get("token") || "";
let queue = Promise.resolve();

async function request(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { "X-Studio-Token": token, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({ error: `the studio answered ${response.status}` }));
  if (!response.ok) throw new Error(data.error || `the studio answered ${response.status}`);
  return data;
}

export const get = (path) => request("GET", path);

// POSTs run strictly one after another.
export function post(path, body = {}) {
  const next = queue.then(() => request("POST", path, body));
  queue = next.catch(() => {});
  return next;
}

// Long polling for news the page did not ask for (lint results, files changed on disk).
export async function listen(onEvent) {
  let after = 0;
  for (;;) {
    try {
      const data = await get(`/api/events?after=${after}`);
      after = data.seq;
      for (const event of data.events) onEvent(event);
    } catch (err) {
      onEvent({ type: "offline", message: String(err.message || err) });
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}
