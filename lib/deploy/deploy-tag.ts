/** Tags Flightdeck creates to dispatch a workflow on an exact commit: `flightdeck/<40-hex SHA>` (see dispatch-deploy). */
export const DEPLOY_TAG_PREFIX = "flightdeck/";
