/** The Lex Sarah report the benchmarks file: a realistic length, no personal data. */
export const lexSarahReport = {
  type: 'lexSarah',
  answers: {
    kind: 'misconduct',
    unit: 'Jobbtorg Kista, Jobbstart',
    area: 'jobCentre',
    noticedAt: '2026-02-05T14:00:00+01:00',
    affectedPerson: { gender: 'man', protectedIdentity: 'no' },
    description: 'Efter ett planeringsmöte nekades insatsen utan förklaring. '.repeat(12),
    consequences: 'Aspiranten gick miste om insatsen. '.repeat(6),
    immediateActions: 'Enhetschefen hämtade in uppgifter från de inblandade.',
  },
};
