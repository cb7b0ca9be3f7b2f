// Starts the app. Trunk writes the hashed names of the wasm-bindgen module and the wasm file into this
// script element's data attributes (Trunk.toml `pattern_script`); loading them from an external module keeps
// inline scripts out of the page, so the Content-Security-Policy can forbid them.
const tag = document.querySelector("script[data-uptrend-js]");
const { default: init } = await import(new URL(tag.dataset.uptrendJs, document.baseURI).href);
await init({ module_or_path: new URL(tag.dataset.uptrendWasm, document.baseURI) });
