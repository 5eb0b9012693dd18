// Runs Azurite for a .NET process (tests, the local host) and stops it when that process goes away.
// Usage: node azurite-supervised.js <azurite.js path> [azurite options...]
//
// Azurite runs in a child process in a process group of its own, and this supervisor ignores SIGINT and
// SIGTERM: Ctrl+C in a terminal signals the whole foreground group, and Azurite must outlive the .NET
// process that is still shutting down against it. The .NET side stops Azurite when it is done (it kills
// this process tree). If the .NET process dies first, its end of our stdin closes and we exit; the child
// exits when its IPC channel to us closes, however we ended.
const { spawn } = require("child_process");

if (process.argv[2] === "--run-azurite") {
  // The child: Azurite itself, with only its own options left in argv for its option parser.
  const entry = process.argv[3];
  process.argv.splice(2, 2);
  process.on("disconnect", () => process.exit(0));
  require(entry);
} else {
  const azurite = spawn(process.execPath, [__filename, "--run-azurite", ...process.argv.slice(2)], {
    detached: true,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const stop = () => {
    try {
      process.kill(-azurite.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
    process.exit(0);
  };
  process.on("SIGINT", () => {});
  process.on("SIGTERM", () => {});
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();
  azurite.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
