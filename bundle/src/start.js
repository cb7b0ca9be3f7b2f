// The single-file report's start-up, appended by `uptrend bundle` to the app's wasm-bindgen module in one
// inline module script. It decodes what the page carries in #uptrend-bundle (base64, gzip through the
// browser's DecompressionStream), hands the data files to the app as globalThis.uptrendBundle
// ({ manifestPath, files: [{ path, bytes }] }) and instantiates the wasm. Nothing is fetched.
{
  const decode = async ({ encoding, base64 }) => {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) {
      bytes[i] = binary.charCodeAt(i);
    }
    if (encoding === "identity") {
      return bytes;
    }
    const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream(encoding));
    return new Uint8Array(await new Response(inflated).arrayBuffer());
  };
  try {
    const container = document.getElementById("uptrend-bundle");
    const bundle = JSON.parse(container.textContent);
    container.remove();
    const files = await Promise.all(bundle.files.map(async (file) => ({ path: file.path, bytes: await decode(file) })));
    globalThis.uptrendBundle = { manifestPath: bundle.manifest_path, files };
    initSync({ module: await WebAssembly.compile(await decode(bundle.app)) });
  } catch (error) {
    const message = document.createElement("p");
    message.setAttribute("role", "alert");
    message.textContent =
      `This report could not start (${error}). It needs a current browser: Chrome or Edge 80+, Firefox 113+ or Safari 16.4+.`;
    document.body.prepend(message);
    throw error;
  }
}
