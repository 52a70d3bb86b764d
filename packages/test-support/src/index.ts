export {
  type FirstOpenCrashOptions,
  killDuringFirstOpen,
  runAndKill,
  type WorkerRun,
} from "./first-open-crash.js";
export { postgresAvailable, TEST_DATABASE_URL } from "./postgres-available.js";
