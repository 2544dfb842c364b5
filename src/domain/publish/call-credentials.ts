/**
 * Long-lived credentials a calling job hands to a local reusable workflow that publishes with them:
 * `secrets: { NPM_TOKEN: ${{ secrets.NPM_TOKEN }} }` or `secrets: inherit`, read by a publish in
 * the called workflow. The caller's line is where the secret leaves for the publish, so rules report
 * there; the called workflow reports its own binding when it is linted.
 */
import type { JobNode } from '../../engine/ast.js';
import type { Analysis } from '../context.js';
import type { Credential, PublishSite } from '../registries/types.js';
import { calledJobs, localWorkflowCall, passedSecret, type PassedSecret } from '../workflow-calls.js';
import { publishFacts, visibleCredentials } from './facts.js';

export interface PassedCredential {
  /** What the calling job passes, and where. */
  readonly passed: PassedSecret;
  /** The callee's secret name it arrives as. */
  readonly name: string;
  /** The called job, the publish, and the credential binding in the callee. */
  readonly job: JobNode;
  readonly site: PublishSite;
  readonly credential: Credential;
}

/**
 * Every credential a job passes to the workflow it calls directly that reaches a publish there.
 * Secrets go only to the directly called workflow (a nested call must pass them again), so only
 * the first level is read.
 */
export function passedCredentials(context: Analysis, caller: JobNode): readonly PassedCredential[] {
  return context.facts.memo('passed-credentials', caller, () => {
    const call = localWorkflowCall(context, caller);
    if (!call) return [];
    const found: PassedCredential[] = [];
    for (const called of calledJobs(context, caller)) {
      if (called.calls.length !== 1) continue;
      for (const site of publishFacts(context, called.job).sites) {
        for (const credential of visibleCredentials(context, site)) {
          for (const name of credential.secrets) {
            if (name.startsWith('vars.')) continue;
            const passed = passedSecret(call, name);
            if (passed === undefined || passed === 'absent' || passed.literal) continue;
            found.push({ passed, name, job: called.job, site, credential });
          }
        }
      }
    }
    return found;
  });
}
