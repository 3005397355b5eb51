import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ZodError } from "zod";
import { FaultState } from "./faults";
import { LogSource } from "./model/logs";
import { MINUTE_MS, WorkloadModel } from "./model/workload";
import { RateLimiter } from "./rate-limits";
import type { Scenario } from "./scenario/schema";
import { cloudwatchService } from "./services/cloudwatch";
import { iamService } from "./services/iam";
import { lambdaService } from "./services/lambda";
import { logsService } from "./services/logs";
import { stsService } from "./services/sts";
import { taggingService } from "./services/tagging";
import { AwsError, type SimContext, type SimRequest, type SimResponse, type SimService } from "./types";

export interface SimOptions {
  scenario: Scenario;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The simulated clock (epoch ms); defaults to the real one. The anchor is its value at start. */
  clock?: () => number;
  /** Log one line per request to stderr. */
  verbose?: boolean;
}

export interface CallStats {
  calls: number;
  /** Answered with a throttling error: injected, or over the rate limit. */
  throttled: number;
  /** Of those, refused because the caller went over AWS's published rate limit. */
  rateLimited: number;
  errors: number;
  /** Wall-clock ms since the last reset of this action's first and last call. */
  firstMs: number;
  lastMs: number;
}

export interface RunningSim {
  url: string;
  port: number;
  ctx: SimContext;
  /** Calls served per action ("lambda:ListFunctions"). */
  calls(): Record<string, CallStats>;
  resetCalls(): void;
  close(): Promise<void>;
}

const SERVICES: readonly SimService[] = [
  lambdaService,
  cloudwatchService,
  logsService,
  iamService,
  stsService,
  taggingService,
];

const CREDENTIAL_SCOPE = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/;

/** The error each service returns for a throttled, denied or failed call, as AWS spells it (facts sheet 2e). */
function injectedError(
  prefix: string,
  kind: "throttle" | "denied" | "internal",
  action: string,
  ctx: SimContext,
  region: string,
): AwsError {
  const caller =
    ctx.scenario.callerArn ?? `arn:aws:sts::${ctx.scenario.accountId}:assumed-role/HeadroomReadOnly/headroom`;
  const deniedMessage = `User: ${caller} is not authorized to perform: ${action} on resource: arn:aws:${prefix}:${prefix === "iam" ? "" : region}:${ctx.scenario.accountId}:* because no identity-based policy allows the ${action} action`;
  switch (prefix) {
    case "lambda":
      if (kind === "throttle")
        return new AwsError("TooManyRequestsException", "Rate exceeded", 429, {
          Type: "User",
          Reason: "CallerRateLimitExceeded",
          retryAfterSeconds: 1,
        });
      if (kind === "denied") return new AwsError("AccessDeniedException", deniedMessage, 403);
      return new AwsError("ServiceException", "Internal error", 500);
    case "cloudwatch":
      if (kind === "throttle") return new AwsError("Throttling", "Rate exceeded", 400);
      if (kind === "denied") return new AwsError("AccessDenied", deniedMessage, 403);
      return new AwsError("InternalServiceError", "Internal service error", 500);
    case "logs":
      if (kind === "throttle") return new AwsError("ThrottlingException", "Rate exceeded", 400);
      if (kind === "denied") return new AwsError("AccessDeniedException", deniedMessage, 400);
      return new AwsError("ServiceUnavailableException", "The service cannot complete the request.", 500);
    case "tag":
      // The Tagging API's own modelled errors; AWS answers a GetResources over the rate with ThrottledException.
      if (kind === "throttle") return new AwsError("ThrottledException", "Rate exceeded", 400);
      if (kind === "denied") return new AwsError("AccessDeniedException", deniedMessage, 400);
      return new AwsError("InternalServiceException", "Internal service error", 500);
    default:
      if (kind === "throttle") return new AwsError("Throttling", "Rate exceeded", 400);
      if (kind === "denied") return new AwsError("AccessDenied", deniedMessage, 403);
      return new AwsError("ServiceFailure", "Internal failure", 500);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage, limit = 16 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error("request body too large"));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, r: SimResponse): void {
  const body = r.body ?? "";
  res.writeHead(r.status, {
    "x-amzn-requestid": crypto.randomUUID(),
    "content-length": String(Buffer.byteLength(body)),
    ...r.headers,
  });
  res.end(body);
}

function json(status: number, value: unknown): SimResponse {
  return { status, headers: { "content-type": "application/json" }, body: JSON.stringify(value, null, 2) };
}

export async function startSim(opts: SimOptions): Promise<RunningSim> {
  const clock = opts.clock ?? Date.now;
  const scenario = opts.scenario;
  const anchor = Math.floor(clock() / MINUTE_MS) * MINUTE_MS;
  const model = new WorkloadModel(scenario, anchor);
  const faults = new FaultState(scenario.faults);
  const ctx: SimContext = {
    scenario,
    model,
    logs: new LogSource(scenario, model, clock),
    faults,
    now: clock,
  };
  const limiter = new RateLimiter();
  let stats = new Map<string, CallStats>();
  let statsSince = Date.now();
  const statFor = (action: string) => {
    const at = Date.now() - statsSince;
    const s = stats.get(action) ?? {
      calls: 0,
      throttled: 0,
      rateLimited: 0,
      errors: 0,
      firstMs: at,
      lastMs: at,
    };
    s.lastMs = at;
    stats.set(action, s);
    return s;
  };

  const admin = async (req: IncomingMessage, url: URL, body: Buffer): Promise<SimResponse> => {
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case "GET /_sim/health":
        return json(200, {
          ok: true,
          scenario: scenario.name,
          accountId: scenario.accountId,
          regions: Object.keys(scenario.regions),
          functions: scenario.functionIndex.size,
          anchor: new Date(anchor).toISOString(),
          now: new Date(clock()).toISOString(),
        });
      case "GET /_sim/calls": {
        const byAction = Object.fromEntries([...stats.entries()].sort(([a], [b]) => a.localeCompare(b)));
        const total = [...stats.values()].reduce(
          (t, s) => ({
            calls: t.calls + s.calls,
            throttled: t.throttled + s.throttled,
            rateLimited: t.rateLimited + s.rateLimited,
            errors: t.errors + s.errors,
            firstMs: Math.min(t.firstMs, s.firstMs),
            lastMs: Math.max(t.lastMs, s.lastMs),
          }),
          { calls: 0, throttled: 0, rateLimited: 0, errors: 0, firstMs: Infinity, lastMs: 0 },
        );
        if (total.calls === 0) total.firstMs = 0;
        return json(200, { total, byAction });
      }
      case "POST /_sim/calls/reset":
        stats = new Map();
        statsSince = Date.now();
        return json(200, { ok: true });
      case "GET /_sim/faults":
        return json(200, faults.current);
      case "PUT /_sim/faults":
        try {
          return json(200, faults.set(JSON.parse(body.toString("utf8") || "{}")));
        } catch (err) {
          const message =
            err instanceof ZodError
              ? err.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")
              : (err as Error).message;
          return json(400, { error: { code: "InvalidFaults", message } });
        }
      case "DELETE /_sim/faults":
        return json(200, faults.set(scenario.faults));
      case "GET /_sim/canaries": {
        // Every environment-variable value in the account: what must never reach a browser.
        const values = new Set<string>();
        for (const fn of scenario.functionIndex.values())
          for (const v of Object.values(fn.environment)) if (v.length >= 8) values.add(v);
        return json(200, { environmentValues: [...values].sort() });
      }
      case "GET /_sim/model/function": {
        const region = url.searchParams.get("region") ?? "";
        const name = url.searchParams.get("name") ?? "";
        const fn = scenario.functionIndex.get(`${region}/${name}`);
        const start = Date.parse(url.searchParams.get("start") ?? "");
        const end = Date.parse(url.searchParams.get("end") ?? "");
        if (!fn || Number.isNaN(start) || Number.isNaN(end))
          return json(400, {
            error: { code: "BadRequest", message: "region, name, start and end (ISO) are required" },
          });
        const totals = {
          invocations: 0,
          errors: 0,
          throttles: 0,
          timeouts: 0,
          outOfMemory: 0,
          coldStarts: 0,
          concurrencyMax: 0,
        };
        const last = Math.min(Math.ceil(end / MINUTE_MS), Math.floor(clock() / MINUTE_MS));
        for (let m = Math.floor(start / MINUTE_MS); m < last; m++) {
          const s = model.minute(fn, m);
          totals.invocations += s.invocations;
          totals.errors += s.errors;
          totals.throttles += s.throttles;
          totals.timeouts += s.timeouts;
          totals.outOfMemory += s.outOfMemory;
          totals.coldStarts += s.coldStarts;
          totals.concurrencyMax = Math.max(totals.concurrencyMax, s.concurrencyMax);
        }
        return json(200, totals);
      }
      default:
        return json(404, { error: { code: "NotFound", message: `no admin route ${route}` } });
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://sim.local");
    const body = await readBody(req);
    if (url.pathname.startsWith("/_sim/")) return send(res, await admin(req, url, body));

    const scope = CREDENTIAL_SCOPE.exec(String(req.headers.authorization ?? ""));
    if (!scope) return send(res, json(403, { message: "Missing Authentication Token" }));
    const [, region = "", signingName = ""] = scope;
    const service = SERVICES.find((s) => s.signingNames.includes(signingName));
    if (!service) return send(res, json(404, { message: `the sim does not serve ${signingName}` }));
    const simReq: SimRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      region,
      service: signingName,
    };
    const operation = service.operationOf(simReq);
    if (!operation)
      return send(
        res,
        service.errorResponse(
          new AwsError("UnknownOperationException", `Unknown operation ${req.method} ${url.pathname}`, 404),
          simReq,
        ),
      );
    const action = `${service.actionPrefix}:${operation}`;
    const stat = statFor(action);
    stat.calls++;
    if (opts.verbose) process.stderr.write(`${new Date(clock()).toISOString()} ${region} ${action}\n`);

    if (faults.isRegionDown(region)) {
      stat.errors++;
      // A region that is down does not answer: the connection drops.
      req.socket.destroy();
      return;
    }
    const latency = faults.latencyMs(action);
    if (latency > 0) await sleep(latency);

    let injected: AwsError | undefined;
    // Refused by AWS's published rate limit (counted apart from injected throttling).
    const overLimit = faults.rateLimits && !limiter.take(action, region);
    if (overLimit) stat.rateLimited++;
    if (overLimit || faults.shouldThrottle(action))
      injected = injectedError(service.actionPrefix, "throttle", action, ctx, region);
    else if (faults.isDenied(action))
      injected = injectedError(service.actionPrefix, "denied", action, ctx, region);
    else if (faults.shouldFail(action))
      injected = injectedError(service.actionPrefix, "internal", action, ctx, region);
    if (injected) {
      if (injected.status === 429 || /Throttl/.test(injected.code)) stat.throttled++;
      else stat.errors++;
      return send(res, service.errorResponse(injected, simReq));
    }

    try {
      send(res, await service.handle(simReq, operation, ctx));
    } catch (err) {
      if (err instanceof AwsError) {
        stat.errors++;
        return send(res, service.errorResponse(err, simReq));
      }
      stat.errors++;
      process.stderr.write(`sim: ${action} failed: ${(err as Error).stack ?? String(err)}\n`);
      send(
        res,
        service.errorResponse(
          new AwsError("InternalFailure", "The sim failed to process the request", 500),
          simReq,
        ),
      );
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      process.stderr.write(`sim: request failed: ${String(err)}\n`);
      if (!res.headersSent) send(res, json(500, { message: "internal error" }));
    });
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 4566, opts.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host ?? "127.0.0.1";
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    ctx,
    calls: () => Object.fromEntries(stats.entries()),
    resetCalls: () => {
      stats = new Map();
      statsSince = Date.now();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
