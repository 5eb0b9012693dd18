// Runs Azurite and exits when the .NET process that started it goes away (its stdin pipe closes),
// so a killed test run or local host never leaves an emulator behind.
// Usage: node azurite-supervised.js <azurite.js path> [azurite options...]
const entry = process.argv[2];
process.argv.splice(2, 1);
process.stdin.on("end", () => process.exit(0));
process.stdin.on("close", () => process.exit(0));
process.stdin.resume();
require(entry);
