// Prints the `supervisorPin` value for a deployment's public/config.json:
// the PIN's PBKDF2-HMAC-SHA256 hash with a fresh random salt, in the form
// domain/supervisor.rs reads. The PIN itself is stored nowhere.
// Usage: node scripts/supervisor-pin.mjs <PIN> [--iterations N] [--salt HEX]
import { pbkdf2Sync, randomBytes } from "node:crypto";

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const iterations = Number(option("--iterations") ?? 300000);
const salt = option("--salt") ?? randomBytes(16).toString("hex");
const [pin] = args;
if (!pin || !/^\d{4,12}$/.test(pin)) {
  console.error("usage: node scripts/supervisor-pin.mjs <PIN of 4 to 12 digits> [--iterations N] [--salt HEX]");
  process.exit(2);
}
const hash = pbkdf2Sync(pin, Buffer.from(salt, "hex"), iterations, 32, "sha256").toString("hex");
console.log(`pbkdf2-sha256$${iterations}$${salt}$${hash}`);
