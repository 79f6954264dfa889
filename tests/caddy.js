// The reference Caddy configuration (deploy/Caddyfile) over a build, on
// 127.0.0.1, for the deployment spec and the cold-start benchmark. The file
// is used as it is: its site, root and CSP file come from its environment
// variables (the site is https://127.0.0.1:PORT, so Caddy certifies it with
// its own local CA, as it does for any IP address), and a wrapper adds the
// global options a throwaway instance needs: its own ports, no admin
// endpoint, nothing written outside a temporary folder, the system's trust
// store left alone.
import { execFileSync, spawn } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:https";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const answers = (url) =>
  new Promise((done) => {
    get(url, { rejectUnauthorized: false }, (response) => {
      response.resume();
      done(response.statusCode === 200);
    }).on("error", () => done(false));
  });

/** Starts Caddy; resolves once it answers. `spki` (of the local CA's
 * intermediate, which Caddy sends with its certificate) is what Chromium's
 * `--ignore-certificate-errors-spki-list` takes to trust the site as a real
 * one: a page with certificate errors ignored may not register a service
 * worker. */
export async function startCaddy({ dist = "dist", httpsPort, httpPort }) {
  const dir = mkdtempSync(join(tmpdir(), "kassa-caddy-"));
  const csp = join(dir, "kassa-csp.caddy");
  writeFileSync(csp, execFileSync(process.execPath, ["deploy/csp.mjs", "--caddy", join(dist, "public/config.json")]));
  const config = join(dir, "Caddyfile");
  writeFileSync(
    config,
    [
      "{",
      "\tadmin off",
      `\thttp_port ${httpPort}`,
      `\thttps_port ${httpsPort}`,
      "\tskip_install_trust",
      `\tstorage file_system ${join(dir, "data")}`,
      "}",
      `import ${resolve("deploy/Caddyfile")}`,
      "",
    ].join("\n"),
  );
  const origin = `https://127.0.0.1:${httpsPort}`;
  const env = {
    ...process.env,
    KASSA_SITE: origin,
    KASSA_DIST: resolve(dist),
    KASSA_CSP: csp,
    HOME: dir,
    XDG_CONFIG_HOME: dir,
    XDG_DATA_HOME: dir,
  };
  const caddy = spawn("caddy", ["run", "--config", config, "--adapter", "caddyfile"], {
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  caddy.stderr.on("data", (chunk) => (log = (log + chunk).slice(-4000)));
  let ended = false;
  const exited = new Promise((done) => {
    const end = () => {
      ended = true;
      done();
    };
    caddy.once("exit", end);
    caddy.once("error", (error) => {
      log += String(error);
      end();
    });
  });
  const stop = async () => {
    if (!ended) caddy.kill();
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  let up = false;
  for (let attempt = 0; attempt < 100 && !ended && !up; attempt += 1) {
    up = await answers(`${origin}/index.html`);
    if (!up) await new Promise((done) => setTimeout(done, 100));
  }
  if (!up) {
    await stop();
    throw new Error(`caddy did not come up on ${origin} (is it installed? scripts/setup.sh does):\n${log}`);
  }
  const intermediate = new X509Certificate(readFileSync(join(dir, "data/pki/authorities/local/intermediate.crt")));
  const spki = createHash("sha256").update(intermediate.publicKey.export({ type: "spki", format: "der" })).digest("base64");
  return { origin, httpOrigin: `http://127.0.0.1:${httpPort}`, spki, stop };
}
