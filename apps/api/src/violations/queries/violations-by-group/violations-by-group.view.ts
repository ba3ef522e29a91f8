import { ROLLUPS, VIOLATION_COLUMNS, type ViolationColumn } from '#domain';
import { ApiProperty } from '@nestjs/swagger';

// The OpenAPI description of the by-group report, from which the web app's types are generated
// (`npm run api:types`): the columns come from the domain's one list.

export class ViolationsByGroupRowView {
  @ApiProperty({ example: 'mnla', description: 'an actor id, or a coalition id when rolled up by coalition' }) group: string;
  @ApiProperty({ enum: ['actor', 'coalition'] }) groupKind: 'actor' | 'coalition';
  @ApiProperty({ example: 'MNLA' }) groupName: string;
}
const MEANINGS: Record<ViolationColumn, string> = {
  alleged: 'reviews whose allegation names the group',
  underReview: 'alleged, awaiting a finding',
  confirmed: 'reviews finding a violation the group is held responsible for',
  dismissed: 'alleged, and the finding did not uphold it',
  inconclusive: 'alleged, and the finding is inconclusive',
  killedInConfirmed: 'dead in the confirmed violations',
};
for (const column of VIOLATION_COLUMNS) {
  ApiProperty({ type: 'integer', minimum: 0, description: MEANINGS[column] })(ViolationsByGroupRowView.prototype, column);
}

export class ViolationsByGroupView {
  @ApiProperty({ type: String, nullable: true, example: 'kidal-ceasefire-2014' }) agreement: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) from: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) to: string | null;
  @ApiProperty({ enum: ROLLUPS }) rollup: string;
  @ApiProperty({ type: [ViolationsByGroupRowView] }) rows: ViolationsByGroupRowView[];
}
