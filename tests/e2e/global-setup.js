// Videos for Chromium's fake camera, made from QR codes before any browser
// starts (a camera file is a launch flag). Too big to commit; cheap to make.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { cameraVideos, photoDir } from "./camera/fake.js";

export default function globalSetup() {
  mkdirSync("tests/e2e/artifacts", { recursive: true });
  for (const { text, file, args = [] } of Object.values(cameraVideos)) {
    execFileSync("target/debug/qr-video", [text, file, ...args], { stdio: "inherit" });
  }
  // Photos of generated customer codes (one per category) for "scan from photo".
  execFileSync("target/debug/frames", [photoDir, "--per-category", "1"], { stdio: "ignore" });
}
