import { ApiError } from './api/client';
import { api } from './api/endpoints';
import {
  amendmentsApi,
  coDraftingApi,
  textsApi,
  type BillAmendmentsView,
  type CoDraftingView,
  type TextArticle,
  type TextVersionView,
} from './api/law-making';
import type { PluginView } from './api/types';

/** An article as the bill page shows it: stable id, position (1-based), heading and text. */
export interface NumberedArticle extends TextArticle {
  readonly n: number;
}

/**
 * What the law-making plugins add to a bill page: the latest version (articles with stable ids), the
 * co-drafting workflow and the amendments, each loaded only when its plugin is enabled for the collective.
 */
export class BillLawMaking {
  text = $state<TextVersionView | null>(null);
  coDraftingEnabled = $state(false);
  /** null while not started on this bill (`co-drafting.not_configured`) or not enabled. */
  coDrafting = $state<CoDraftingView | null>(null);
  coDraftingStarted = $state(false);
  amendmentsEnabled = $state(false);
  amendments = $state<BillAmendmentsView | null>(null);
  error = $state<unknown>(null);

  constructor(
    private readonly collectiveId: string,
    private readonly billId: string,
  ) {}

  get articles(): NumberedArticle[] {
    return (this.text?.articles ?? []).map((article, i) => ({ ...article, n: i + 1 }));
  }

  /** The article's label: its heading, else "Article n" from `fallback`. */
  label(articleId: string, fallback: (n: number) => string): string {
    const article = this.articles.find((a) => a.id === articleId);
    return article ? article.heading || fallback(article.n) : fallback(0);
  }

  /** Ballots that decide an amendment, not the bill itself. */
  get amendmentBallots(): ReadonlySet<string> {
    return new Set((this.amendments?.amendments ?? []).flatMap((a) => (a.ballotId ? [a.ballotId] : [])));
  }

  async load(): Promise<void> {
    const plugins = await api.plugins(this.collectiveId).catch((): PluginView[] => []);
    const enabled = (id: string) => plugins.some((plugin) => plugin.id === id && plugin.enabled);
    this.coDraftingEnabled = enabled('co-drafting');
    this.amendmentsEnabled = enabled('amendments');
    await Promise.all([this.loadText(), this.loadCoDrafting(), this.loadAmendments()]);
  }

  async loadText(): Promise<void> {
    this.text = await textsApi.latest(this.billId);
  }

  async loadCoDrafting(): Promise<void> {
    if (!this.coDraftingEnabled) {
      return;
    }
    try {
      this.coDrafting = await coDraftingApi.get(this.billId);
      this.coDraftingStarted = true;
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'co-drafting.not_configured') {
        this.coDrafting = null;
        this.coDraftingStarted = false;
        return;
      }
      throw failure;
    }
  }

  async loadAmendments(): Promise<void> {
    if (this.amendmentsEnabled) {
      this.amendments = await amendmentsApi.list(this.billId);
    }
  }

  /**
   * An amendment's ballot closed: the server decides it, then merges it into a new version, shortly after
   * (event handlers). Reloads the amendments until it is decided and, if adopted, merged; then the text.
   */
  async followDecision(amendmentId: string, attempts = 20): Promise<void> {
    for (let i = 0; i < attempts; i++) {
      await this.loadAmendments();
      const amendment = this.amendments?.amendments.find((a) => a.id === amendmentId);
      const settled =
        !amendment ||
        (amendment.status !== 'voting' &&
          (amendment.status !== 'adopted' || amendment.mergedVersion !== null));
      if (settled) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await this.loadText();
  }
}
