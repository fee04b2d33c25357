import fc from "fast-check";

// A property that picks its own seed per run makes CI flaky: every property test without an
// explicit seed replays the same cases everywhere, and a failure is reproducible by name.
fc.configureGlobal({ seed: 20_261_122 });
