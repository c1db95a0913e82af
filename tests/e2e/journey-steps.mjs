// Journeys made of ordered steps (the RFP and the event journeys): a step runs only when
// the steps it needs ran and passed, and records its own outcome for the steps after it.
// `env` holds `done` (a Set of step names) and `failed` (step name -> message).
export function makeStep(env, check) {
  return function step(name, needs, body) {
    return {
      name,
      ownServer: true,
      async run(browser) {
        for (const need of needs) {
          check(env.failed[need] === undefined, `not run: step ${need} failed`);
          check(env.done.has(need), `not run: step ${need} did not run`);
        }
        try {
          await body(browser);
          env.done.add(name);
        } catch (error) {
          env.failed[name] = error.message;
          // A Playwright time-out names its locator; the first lines are enough to find it.
          check(false, error.message.split('\n').slice(0, 4).join(' | '));
        }
      },
    };
  };
}
