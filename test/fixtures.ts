/** A valid report of the 17 May 2014 fighting in Kidal, to vary in tests. */
export const kidalReport = () => ({
  occurredAt: '2014-05-17',
  timePrecision: 'day',
  location: { lat: 18.4411, lon: 1.4078, place: 'Kidal', admin1: 'Kidal', precision: 'exact' },
  type: 'battles',
  subType: 'armed_clash',
  targets: ['state_forces'],
  actors: [
    { actorId: 'mnla', role: 'perpetrator' },
    { actorId: 'fama', role: 'target' },
  ],
  harm: { killed: 8, injured: 20, abducted: 0 },
  description: 'Clashes at the governorate during the Prime Minister’s visit.',
  sources: [{ kind: 'research', reference: 'NUPI Working Paper 853', reliability: 'reliable', confidential: false }],
});
