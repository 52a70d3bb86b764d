export type { RedisBudgetStoreOptions } from "./redis-budget-store.js";
export { RedisBudgetStore } from "./redis-budget-store.js";
