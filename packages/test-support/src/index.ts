export {
  type FirstOpenCrashOptions,
  killDuringFirstOpen,
  runAndKill,
  type WorkerRun,
} from "./first-open-crash.js";
export { postgresAvailable, TEST_DATABASE_URL } from "./postgres-available.js";
export { redisAvailable, TEST_REDIS_URL } from "./redis-available.js";
export { urlWithoutPassword } from "./url-without-password.js";
