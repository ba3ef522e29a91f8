import { v5 as uuidv5 } from 'uuid';

const REVIEWS = '4d2b9e71-83c5-4f0a-b6e2-7a19c3d5e8f4';

/**
 * One review per incident and agreement: its id follows from the pair, so a second allegation
 * of the same incident against the same agreement finds the review already open.
 */
export const reviewIdOf = (incidentId: string, agreementId: string) => uuidv5(`${incidentId.toLowerCase()}|${agreementId}`, REVIEWS);
