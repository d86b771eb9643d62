// Runs once when the server starts (see lib/startup.ts): an invalid config file or, in production,
// missing or development secrets stop the server with a message naming what is wrong. Then the
// background refresher starts (one leader per deployment polls GitHub and ECS; see lib/refresher).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { exitOnStartupProblems } = await import("./lib/startup");
  exitOnStartupProblems();
  if (process.env.FLIGHTDECK_REFRESHER !== "off") {
    const { startBackgroundRefresher } = await import("./lib/refresher/start");
    startBackgroundRefresher();
  }
}
