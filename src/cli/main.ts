import { readFileSync } from "node:fs";
import { Command, InvalidArgumentError } from "commander";
import { ConfigError, ExitCodes, ExitError, InternalError, ProviderError } from "../core/errors.js";
import { createOutput, type Output } from "./output.js";

const env = process.env as Record<string, string | undefined>;

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return manifest.version;
}

function positiveInteger(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError("must be a whole number of at least 1");
  return value;
}

/** A commander argument parser accepting only the listed words. */
function oneOf<T extends string>(...choices: T[]): (raw: string) => T {
  return (raw) => {
    if (!(choices as string[]).includes(raw)) throw new InvalidArgumentError(`must be one of: ${choices.join(", ")}`);
    return raw as T;
  };
}

/** Collects a repeatable option (`--target a --target b`) into a list. */
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function nonNegativeInteger(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError("must be a whole number of at least 0");
  return value;
}

/** The one place where every error becomes a message and an exit code. */
export function exitCodeFor(error: unknown, output: Output): number {
  if (error instanceof ConfigError) {
    output.err(`${error.message}\n`);
    const n = error.diagnostics.length;
    output.err(`\n${n} error${n === 1 ? "" : "s"} found; nothing was sent to AWS.\n`);
    return ExitCodes.error;
  }
  if (error instanceof ExitError) {
    output.err(`Error: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof ProviderError) {
    output.err(`Error: ${error.description}\n`);
    return ExitCodes.error;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const label = error instanceof InternalError ? "internal error" : "unexpected error";
  output.err(`Error (${label}): ${detail}\nThis is a bug in adstack; please report it with the command you ran.\n`);
  return ExitCodes.error;
}

export async function main(argv: string[]): Promise<number> {
  const output = createOutput({ stdout: process.stdout, stderr: process.stderr, env, noColor: argv.includes("--no-color") });
  let exitCode: number = ExitCodes.ok;
  const run = (command: () => Promise<number>) => async () => {
    exitCode = await command();
  };
  const program = new Command()
    .name("adstack")
    .description("Declarative reconciler for AWS Directory Service, Private CA Connector for AD and WorkSpaces.")
    .version(packageVersion(), "-v, --version")
    .option("--no-color", "never colour the output (NO_COLOR is honoured too)")
    .exitOverride()
    .configureOutput({ writeOut: (s) => output.out(s), writeErr: (s) => output.err(s) });

  const withConnection = (command: Command) =>
    command
      .option("--local", "use the embedded local AWS-compatible cloud instead of AWS")
      .option("--local-state <file>", "state file of the local cloud", ".adstack/local-cloud.json")
      .option("--debug", "log every AWS call to stderr (secrets redacted)");

  withConnection(program.command("plan <file>").description("show what apply would change"))
    .option("--json", "print the plan as JSON")
    .option("--format <format>", "text, json, or markdown (a pull-request comment)", oneOf("text", "json", "markdown"))
    .option("--detailed-exitcode", "exit 0 with no changes, 2 with changes, 1 on error")
    .option("--out <plan>", "also save the plan to this file, for `adstack apply PLAN`")
    .option("--target <name>", "plan only this resource (name or address) and what it depends on; repeatable", collect)
    .action((file: string, flags) => run(async () => (await import("./commands/plan.js")).runPlan(file, flags, output, env))());

  withConnection(program.command("apply <file>").description("plan, confirm and execute the changes; or execute a plan saved with plan --out"))
    .option("--auto-approve", "skip the confirmation question")
    .option("--parallelism <n>", "how many steps may send calls at once; a step waiting for AWS to finish holds no slot", positiveInteger, 10)
    .option("--json", "print progress as newline-delimited JSON events")
    .option("--target <name>", "apply only this resource (name or address) and what it depends on; repeatable", collect)
    .option("--allow-destroy", "allow deleting or replacing directories without a terminal or with --auto-approve")
    .action((file: string, flags) =>
      run(async () => (await import("./commands/apply.js")).runApply(file, "apply", flags, output, env, process.stdin))(),
    );

  withConnection(program.command("destroy <file>").description("delete everything the stack owns, in reverse order"))
    .option("--auto-approve", "skip the confirmation question")
    .option("--parallelism <n>", "how many steps may send calls at once; a step waiting for AWS to finish holds no slot", positiveInteger, 10)
    .option("--json", "print progress as newline-delimited JSON events")
    .option("--allow-destroy", "allow deleting directories without a terminal or with --auto-approve")
    .action((file: string, flags) =>
      run(async () => (await import("./commands/apply.js")).runApply(file, "destroy", flags, output, env, process.stdin))(),
    );

  withConnection(program.command("drift <file>").description("compare live resources with the file without proposing changes"))
    .option("--json", "print the drift report as JSON")
    .action((file: string, flags) => run(async () => (await import("./commands/drift.js")).runDrift(file, flags, output, env))());

  program
    .command("validate <file>")
    .description("check the file without calling AWS")
    .action((file: string) => run(async () => (await import("./commands/validate.js")).runValidate(file, output, env))());

  program
    .command("graph <file>")
    .description("print the dependency graph")
    .option("--format <format>", "mermaid or dot", "mermaid")
    .action((file: string, flags) => run(async () => (await import("./commands/graph.js")).runGraph(file, flags, output, env))());

  program
    .command("iam-policy <file>")
    .description("print the least-privilege IAM policy that plan or apply needs for this stack")
    .requiredOption("--for <command>", "plan or apply (apply covers destroy too)", oneOf("plan", "apply"))
    .action((file: string, flags) => run(async () => (await import("./commands/iam-policy.js")).runIamPolicy(file, flags, output, env))());

  program
    .command("local-cloud")
    .description("run the local AWS-compatible cloud as a standalone server")
    .option("--port <n>", "port to listen on (0 picks a free one)", nonNegativeInteger, 4566)
    .option("--state <file>", "state file", ".adstack/local-cloud.json")
    .option("--create-delay-ms <n>", "how long asynchronous creations take (env ADSTACK_LOCAL_CREATE_DELAY_MS)", nonNegativeInteger)
    .option("--delete-delay-ms <n>", "how long asynchronous deletions take (env ADSTACK_LOCAL_DELETE_DELAY_MS)", nonNegativeInteger)
    .option("--latency-ms <n>", "milliseconds added to every call (env ADSTACK_LOCAL_LATENCY_MS)")
    .option("--rate-limit <r>", "calls per second each service accepts; excess calls get its throttling error (env ADSTACK_LOCAL_RATE_LIMIT)")
    .option("--burst <b>", "calls a service accepts at once before --rate-limit applies; default the rate (env ADSTACK_LOCAL_BURST)")
    .option("--directory-limit <n>", "set every per-region directory limit (AD Connector, Managed AD, WorkSpaces) to N (env ADSTACK_LOCAL_DIRECTORY_LIMIT)")
    .option("--fault-rate <r>", "fraction of calls, 0 to 1, that get an injected fault (env ADSTACK_LOCAL_FAULT_RATE)")
    .option("--fault-seed <n>", "seed of the fault sequence: the same seed faults the same calls; default 1 (env ADSTACK_LOCAL_FAULT_SEED)")
    .option("--fault-kinds <list>", "comma-separated: throttle,5xx,reset,slow,lost; default all (env ADSTACK_LOCAL_FAULT_KINDS)")
    .action((flags) => run(async () => (await import("./commands/local-cloud.js")).runLocalCloud(flags, output, env))());

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "commander.helpDisplayed" || code === "commander.version" || code === "commander.help") return ExitCodes.ok;
    if (typeof code === "string" && code.startsWith("commander.")) return ExitCodes.error;
    return exitCodeFor(error, output);
  }
}
