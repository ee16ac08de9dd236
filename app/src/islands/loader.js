// Loads the WebAssembly only on a page that holds an island, hydrates each
// island in document order, then marks the body: `data-hydrated` tells
// people's tools and the end-to-end tests that every island is interactive.
// A page without islands fetches no script or WebAssembly beyond this.
((pkg, name) => {
  if (!document.querySelector("leptos-island")) return;
  // The WebAssembly downloads while the JS glue loads, not after it.
  const wasm = fetch(`/${pkg}/${name}.wasm`);
  import(`/${pkg}/${name}.js`).then(async (mod) => {
    await mod.default({ module_or_path: wasm });
    mod.hydrate();
    // An island's server-rendered children may hold islands of their own;
    // their owner is set by the children's hook before they hydrate.
    const childHooks = [];
    const visitChildren = async (el) => {
      for (const child of el.children) await visit(child);
    };
    const visit = async (el) => {
      const tag = el.localName;
      if (tag === "leptos-island") {
        const hook = childHooks[childHooks.length - 1];
        if (hook) hook();
        const hydrate = mod[el.dataset.component];
        if (hydrate) {
          await hydrate(el);
        } else {
          console.error(`No WebAssembly export for the island ${el.dataset.component}`);
        }
        await visitChildren(el);
      } else if (tag === "leptos-children") {
        childHooks.push(el.$$on_hydrate);
        await visitChildren(el);
        childHooks.pop();
      } else {
        await visitChildren(el);
      }
    };
    await visitChildren(document.body);
    document.body.dataset.hydrated = "true";
  });
})
