import { main } from "@terapi/helpscout-cli";

// Run `helpscout sync --json` inside your own process (a test, a job runner), with its own
// environment and outputs: no credentials here, so it syncs a local emulator.
let json = "";
const code = await main(["sync", "all", "--json", "--data-dir", ".data"], {
  env: {},
  stdout: { write: (text: string) => (json += text) },
  stderr: process.stderr,
});
if (code === 0) {
  const report = JSON.parse(json) as { models: { model: string; inserted: number }[] };
  for (const { model, inserted } of report.models) console.log(model, inserted);
}
process.exitCode = code;
