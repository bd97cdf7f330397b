import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { LiquideError, PluginSettingsService } from '@liquide/engine';
import {
  CoDraftingSettings,
  permissionsFor,
  type ConfigureBillInput,
  type Permission,
  type PhaseName,
  type PhasePermissions,
} from '../contracts';
import { CoDraftingErrorCode } from './codrafting.errors';
import { CO_DRAFTING_PLUGIN_ID } from './plugin-id';

/** A co-drafted bill's workflow now: its phases, the current one and what it allows. */
export interface BillWorkflow {
  readonly billId: string;
  readonly collectiveId: string;
  readonly phases: PhaseName[];
  readonly overrides: ConfigureBillInput['overrides'];
  readonly current: PhaseName;
  readonly permissions: PhasePermissions;
  readonly settings: CoDraftingSettings;
}

/** Reads a bill's workflow (row-locked with `lock`) and checks what its current phase allows. */
@Injectable()
export class BillWorkflows {
  constructor(private readonly settings: PluginSettingsService) {}

  async load(em: EntityManager, billId: string, lock = false): Promise<BillWorkflow> {
    const [row] = await em.execute<
      {
        collective_id: string;
        phases: PhaseName[];
        overrides: ConfigureBillInput['overrides'];
        current_phase: PhaseName;
      }[]
    >(
      `select collective_id, phases, overrides, current_phase from codraft_bill where bill_id = ?${lock ? ' for update' : ''}`,
      [billId],
    );
    if (!row) {
      throw new LiquideError(CoDraftingErrorCode.NotConfigured);
    }
    const settings = CoDraftingSettings.parse(
      await this.settings.enabledSettings(row.collective_id, CO_DRAFTING_PLUGIN_ID, em),
    );
    return {
      billId,
      collectiveId: row.collective_id,
      phases: row.phases,
      overrides: row.overrides,
      current: row.current_phase,
      permissions: permissionsFor(settings, row.overrides, row.current_phase),
      settings,
    };
  }

  /** The workflow, or a 409 `co-drafting.not_in_phase` when the current phase does not allow `permission`. */
  async allowing(em: EntityManager, billId: string, permission: Permission): Promise<BillWorkflow> {
    const workflow = await this.load(em, billId);
    if (!workflow.permissions[permission]) {
      throw new LiquideError(CoDraftingErrorCode.NotInPhase, {
        params: { permission, phase: workflow.current },
      });
    }
    return workflow;
  }
}
