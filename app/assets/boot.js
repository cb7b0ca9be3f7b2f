// Starts the app. Trunk writes the hashed names of the wasm-bindgen module and the wasm file into this
// script element's data attributes (Trunk.toml `pattern_script`); loading them from an external module keeps
// inline scripts out of the page, so the Content-Security-Policy can forbid them.
const tag = document.querySelector("script[data-uptrend-js]");
const { default: init } = await import(new URL(tag.dataset.uptrendJs, document.baseURI).href);
await init({ module_or_path: new URL(tag.dataset.uptrendWasm, document.baseURI) });

// Offline after the first visit (app/assets/sw.js). The build's wasm name versions the worker and its
// cache, so a re-deploy replaces both. Only over HTTP(S), never from file://; once the app's data has
// settled (its Performance mark `uptrend:data-settled`), so that caching never competes with the first view.
if ("serviceWorker" in navigator && (location.protocol === "https:" || location.protocol === "http:")) {
  const build = tag.dataset.uptrendWasm.split("/").pop();
  const worker = new URL(`sw.js?build=${encodeURIComponent(build)}`, document.baseURI);
  const register = () =>
    navigator.serviceWorker
      .register(worker, { scope: new URL("./", document.baseURI).href })
      .catch((error) => console.warn("Uptrend works online only: the offline cache could not be set up.", error));
  const settled = new PerformanceObserver((marks, observer) => {
    if (marks.getEntriesByName("uptrend:data-settled").length > 0) {
      observer.disconnect();
      register();
    }
  });
  settled.observe({ type: "mark", buffered: true });
}
