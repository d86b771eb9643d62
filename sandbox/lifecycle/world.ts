import type { Clock } from "../clock";
import type { DemoEnvironment } from "../demo/apps";
import { buildScenario, startScenario, type ScenarioName } from "../demo/scenario";
import type { Directory } from "../directory";
import type { Urls } from "../github/shapes";
import { emptyGitHubData, type GitHubData, type Repo, type Run } from "../github/store";
import type { Logger } from "../log";
import { webhookHooks } from "../webhooks/events";
import { WebhookSender } from "../webhooks/sender";
import type { EcsPort } from "./ecs-port";
import { RunEngine } from "./run-engine";

/**
 * The GitHub side of the sandbox as one object on the state: repositories and runs (`data`), the
 * engine that moves runs along, the webhook sender, and scenario loading. `load` throws
 * everything away and seeds a scenario afresh (ECS included), cancelling all pending clock work.
 */
export interface GitHubWorldOptions {
  clock: Clock;
  urls: Urls;
  log: Logger;
  ecs: EcsPort | undefined;
  directory(): Directory;
  webhookUrl: string | undefined;
  webhookSecret: string;
  /** A demo App installation token that every scenario load registers again. */
  appToken?: string;
}

export class GitHubWorld {
  data: GitHubData = emptyGitHubData();
  scenario: ScenarioName = "demo";
  readonly engine: RunEngine;
  readonly webhooks: WebhookSender;
  private activity = new Set<() => void>();

  constructor(private readonly options: GitHubWorldOptions) {
    this.webhooks = new WebhookSender({ url: options.webhookUrl, secret: options.webhookSecret, clock: options.clock, log: options.log });
    const hooks = webhookHooks({ urls: options.urls, directory: options.directory, sender: this.webhooks });
    this.engine = new RunEngine({
      clock: options.clock,
      data: () => this.data,
      hooks: () => hooks,
      ecs: () => options.ecs,
      runUrl: (repo, run) => this.runUrl(repo, run),
      environmentUrl: (repo, env) => this.environmentUrl(repo, env),
    });
    this.engine.attachEcs();
  }

  runUrl(repo: Repo, run: Run): string {
    return `${this.options.urls.web}/${this.options.directory().org.login}/${repo.app.repo}/actions/runs/${run.id}`;
  }

  environmentUrl(repo: Repo, env: DemoEnvironment): string {
    return `${this.options.urls.web}/health/${repo.app.slug}/${env.name}`;
  }

  /** Seeds `name` from scratch at the clock's current time. The ECS simulator must have been reset first. */
  load(name: ScenarioName, options: { activity?: boolean } = {}): void {
    this.engine.reset();
    for (const cancel of this.activity) cancel();
    this.activity.clear();
    this.webhooks.clear();
    this.scenario = name;
    const deps = {
      now: this.options.clock.now(),
      engine: this.engine,
      ecs: this.options.ecs,
      runUrl: (repo: Repo, run: Run) => this.runUrl(repo, run),
      environmentUrl: (repo: Repo, env: DemoEnvironment) => this.environmentUrl(repo, env),
      activity: options.activity ?? this.options.clock.mode === "realtime",
      schedule: (at: number, task: () => void) => {
        const cancel = this.options.clock.schedule(at, () => {
          this.activity.delete(cancel);
          task();
        });
        this.activity.add(cancel);
        return cancel;
      },
    };
    this.data = emptyGitHubData();
    if (this.options.appToken) this.data.appTokens.set(this.options.appToken, { createdAt: this.options.clock.now() });
    buildScenario(name, this.data, deps);
    startScenario(name, this.data, deps);
  }
}
