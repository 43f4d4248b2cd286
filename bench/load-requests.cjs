// Runs inside autocannon's worker threads (they `require` a file, they cannot take a function):
// fills in each request from the pool its request definition carries. Every worker claims its own
// slice of the pool (a folder made with mkdir, which only one can create), so no two workers ever
// submit the same attempt or play the same run.
'use strict';
const { mkdirSync } = require('node:fs');
const { join } = require('node:path');

let slice;
let taken = 0;

function claim(req) {
  if (slice !== undefined) return;
  slice = 0;
  for (let k = 0; k < req.slices; k++) {
    try {
      mkdirSync(join(req.claimDir, String(k)));
      slice = k;
      return;
    } catch {
      // another worker has slice k
    }
  }
}

/** The next item of this worker's slice; past the end, the last one (the bench reports the refusals). */
function nextItem(req) {
  claim(req);
  const i = taken++ * req.slices + slice;
  return req.pool[i] ?? req.pool[req.pool.length - 1];
}

const form = (fields) =>
  Object.entries(fields)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');

module.exports = function setupRequest(req, context) {
  if (req.kind === 'session') {
    // Read-only pages: the pool is a list of session tokens, used in turn.
    const token = nextItem(req);
    return { ...req, headers: { ...req.headers, cookie: `session=${token}` } };
  }
  if (req.kind === 'submit') {
    const { token, attemptId } = nextItem(req);
    return {
      ...req,
      path: `/courses/${req.course}/test/${attemptId}?_action=quiz.submit`,
      headers: { ...req.headers, cookie: `session=${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ attempt: attemptId }),
    };
  }
  if (req.kind === 'decide') {
    // One pass over the request list plays one run along the best path: a new run at the first step.
    if (req.step === 0 || !context.run) context.run = nextItem(req);
    const run = context.run;
    // The decision's own fields come encoded as the player posts them (decisionFields in
    // test/fixtures/sim-candidates.ts, run in bench/run.ts): only the run is this worker's.
    return {
      ...req,
      headers: { ...req.headers, accept: 'application/json', cookie: `session=${run.token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: `${form({ scenario: req.scenario, run: run.runId })}&${req.decisionFields}`,
    };
  }
  return req;
};
