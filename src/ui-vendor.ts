// Ink and React, made ready before a module of the interactive screen loads. From the sources (the
// tests, the library) they are ordinary imports: nothing to do. The CLI bundle is CommonJS (so V8
// can cache its compiled code, see src/launch/main.ts) and cannot hold Ink, whose layout engine
// awaits at the top level; the build swaps this module for one that loads Ink and React from their
// own ES module (dist/vendor/ui.mjs) first. Every import of src/ui/render*.js waits for this.
export async function uiVendorReady(): Promise<void> {}
