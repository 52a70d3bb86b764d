export { postgresAvailable, TEST_DATABASE_URL } from "./postgres-available.js";
