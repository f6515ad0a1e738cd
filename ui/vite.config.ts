import { copyFileSync, mkdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

// The UI must not depend on the machine's fonts (a Windows/macOS packing PC may lack a Korean
// face the webview picks well). NanumGothic lives once in ../assets/fonts; copying it into
// public/fonts at build time (instead of committing a second 4.7 MB copy under ui/) keeps the
// repository light and leaves a single source of truth. The bold face ships too: WebKitGTK's
// synthetic bold left Latin words ("Shipped", "Print") thin next to bold Hangul.
const FONTS = ["NanumGothic.ttf", "NanumGothicBold.ttf", "OFL.txt"];

function copyFonts(): Plugin {
  return {
    name: "packdesk-copy-fonts",
    // `config` runs before the dev server starts and before the build copies public/.
    config() {
      const from = fileURLToPath(new URL("../assets/fonts/", import.meta.url));
      const to = fileURLToPath(new URL("./public/fonts/", import.meta.url));
      mkdirSync(to, { recursive: true });
      for (const name of FONTS) {
        const src = from + name;
        const dst = to + name;
        let fresh = false;
        try {
          fresh = statSync(dst).mtimeMs >= statSync(src).mtimeMs;
        } catch {
          fresh = false;
        }
        if (!fresh) copyFileSync(src, dst);
      }
    },
  };
}

export default defineConfig({
  // Relative URLs: Tauri serves dist/ from its own protocol, not from a web root.
  base: "./",
  plugins: [copyFonts()],
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 200 },
  server: { port: 5173, strictPort: true },
  clearScreen: false,
});
