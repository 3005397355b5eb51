/** Logs Insights query engine: parse once (StartQuery), run over events later (GetQueryResults). See ./README.md. */
export type { Query } from "./ast";
export { MalformedQuery } from "./errors";
export { MAX_LIMIT, parseQuery } from "./parser";
export {
  DEFAULT_RESULT_LIMIT,
  QueryRun,
  runQuery,
  type QueryEvent,
  type QueryResult,
  type QueryStatistics,
  type ResultField,
} from "./run";
