// Opening dist/index.html from disk (file://) cannot work: browsers refuse to load the app's module
// script, its wasm and its data from files. This classic script, which browsers do run from disk, says so
// instead of leaving a blank page and points to what works. Over HTTP(S) it does nothing.
if (location.protocol === "file:") {
  const show = () => {
    const element = (name, text, style) => {
      const node = document.createElement(name);
      if (text) {
        node.textContent = text;
      }
      if (style) {
        node.setAttribute("style", style);
      }
      return node;
    };
    const notice = element("section", "", "max-width: 42rem; margin: 2rem auto; padding: 0 1rem; font: 16px/1.5 system-ui, sans-serif");
    notice.setAttribute("role", "alert");
    notice.dataset.testid = "file-notice";
    const code = "font-family: ui-monospace, monospace; background: rgba(127, 127, 127, 0.15); padding: 0.1rem 0.3rem";
    const item = (lead, command, rest) => {
      const li = element("li", lead);
      li.append(element("code", command, code), rest);
      return li;
    };
    const list = element("ul");
    list.append(
      item("The single-file report, which opens from disk: ", "uptrend bundle data/ --out report.html", " writes one HTML file with the app and the data."),
      item("A local web server: ", "scripts/serve.sh", " in the Uptrend repository (builds and serves the site on http://127.0.0.1:8080/), or any static server run in this folder, such as python3 -m http.server."),
    );
    notice.append(
      element("h1", "This report cannot run from a file on disk", "font-size: 1.5rem"),
      element("p", "The page was opened from file://, and browsers do not let such a page load the report's app (WebAssembly) and its data from the files next to it, so nothing would show."),
      element("p", "To read the report without the hosted site, use one of:"),
      list,
    );
    document.body.prepend(notice);
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", show);
  } else {
    show();
  }
}
