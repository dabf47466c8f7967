// Preloaded by the bench into both bots (`node --expose-gc --import …/memory-probe.js`), never by
// `npm start`: on the bench's IPC message it forces a full GC and answers with process.memoryUsage().
// It lives here rather than in the bot so production has no such hook.

interface ProbeRequest {
  readonly benchProbe?: 'memory';
}

const gc = (globalThis as { gc?: () => void }).gc;

if (process.send) {
  process.on('message', (message: ProbeRequest) => {
    if (message?.benchProbe !== 'memory') return;
    // Twice: the first pass can leave finalizable objects for the second.
    gc?.();
    gc?.();
    process.send?.({ benchMemory: { ...process.memoryUsage(), gcForced: gc !== undefined } });
  });
  // The IPC channel must not keep a bot alive that was asked to stop.
  process.channel?.unref();
}
