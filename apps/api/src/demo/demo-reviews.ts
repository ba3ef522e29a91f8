import { readFile } from 'node:fs/promises';
import { reviewIdOf, type FindingOutcome } from '#domain';
import type { CommandBus } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import type { CommandMetadata } from '../http/command-metadata.js';
import { RecordReviewCommand, type AskedReviewCommand } from '../reviews/review.command.js';

type LaterStep = { recordedAt: string; by: string } & (
  | {
      action: 'finding';
      outcome: FindingOutcome;
      responsibleParties?: string[];
      provisions?: string[];
      verificationMission?: string;
      note: string;
      nonSignatoryReason?: string;
    }
  | { action: 'reopen'; reason: string }
);

export interface DemoReview {
  incidentId: string;
  agreementId: string;
  allegedBy: string;
  allegedParties: string[];
  note?: string;
  recordedAt: string;
  by: string;
  later?: LaterStep[];
}

const DEMO_REVIEWS = '5a8e2c47-9b1d-4f63-a0e8-c7d4b2f1e9a3';

export async function readDemoReviews(file: string): Promise<DemoReview[]> {
  return (JSON.parse(await readFile(file, 'utf8')) as { reviews: DemoReview[] }).reviews;
}

/**
 * Replays the demo reviews through the ordinary commands, in the order the mechanism recorded
 * them, with their original recording times. Command ids follow from the file.
 */
export async function loadDemoReviews(commands: CommandBus, reviews: DemoReview[]): Promise<number> {
  const steps = reviews.flatMap((review) => [
    { review, index: 0, recordedAt: review.recordedAt, by: review.by, step: undefined as LaterStep | undefined },
    ...(review.later ?? []).map((step, i) => ({ review, index: i + 1, recordedAt: step.recordedAt, by: step.by, step })),
  ]);
  steps.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));

  const versions = new Map<string, number>();
  for (const { review, index, recordedAt, by, step } of steps) {
    const id = reviewIdOf(review.incidentId, review.agreementId);
    const at = new Date(recordedAt);
    const commandId = uuidv5(`${id}:${index}`, DEMO_REVIEWS);
    const meta: CommandMetadata = { userId: by, roles: ['reviewer'], commandId, correlationId: id, now: at, recordedAt: at };
    const expected = versions.get(id) ?? 0;
    const { incidentId, agreementId, allegedBy, allegedParties, note } = review;
    const [command, reason]: [AskedReviewCommand, string?] = !step
      ? [{ type: 'AllegeViolation', data: { reviewId: id, incidentId, agreementId, allegedBy, allegedParties, note } }]
      : step.action === 'reopen'
        ? [{ type: 'ReopenReview', data: { reviewId: id, reason: step.reason } }, step.reason]
        : [
            {
              type: 'RecordFinding',
              data: {
                reviewId: id,
                outcome: step.outcome,
                responsibleParties: step.responsibleParties ?? [],
                provisions: step.provisions ?? [],
                verificationMission: step.verificationMission,
                note: step.note,
                nonSignatoryReason: step.nonSignatoryReason,
              },
            },
            step.note,
          ];
    const result = await commands.execute(new RecordReviewCommand(command, meta, step ? { expectedVersion: expected, reason } : {}));
    versions.set(id, result.version);
  }
  return reviews.length;
}
