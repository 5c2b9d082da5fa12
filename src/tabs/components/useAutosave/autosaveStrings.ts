import { defineStrings } from '../../i18n/I18nContext.js';

/** The texts autosaving forms share: the status line, someone else's changes, collisions. */
export const autosaveStrings = defineStrings(
  {
    hint: 'Ändringar sparas automatiskt.',
    saving: 'Sparar…',
    saved: (time: string) => `Sparat ${time}`,
    retrying: 'Kunde inte spara – försöker igen',
    invalid: 'Kunde inte spara – rätta de markerade fälten',
    failed: (why: string) =>
      `Kunde inte spara: ${why} Ändringarna finns kvar och sparas när du ändrar något igen.`,
    conflict: 'Sparandet väntar tills du har valt vilka ändringar som ska gälla.',
    lockedHeading: 'Ändringarna kunde inte sparas',
    locked: (fields: string) =>
      `Ärendet kan inte längre ändras här, och dina senaste ändringar har inte sparats: ${fields}. Texten finns kvar nedan så att du kan kopiera den.`,
    updatedHeading: 'Uppdaterat av någon annan',
    updated: (fields: string) =>
      `Någon annan har ändrat ${fields}. Ändringarna har förts in i formuläret.`,
    dismiss: 'Stäng meddelandet',
    conflictHeading: 'Någon annan har ändrat samma fält som du',
    conflictIntro:
      'Välj för varje fält vilken version som ska gälla. Formuläret sparas när du har valt för alla fält.',
    mine: 'Din version',
    theirs: 'Deras version',
    keepMine: 'Behåll min',
    useTheirs: 'Använd deras',
    empty: '(tomt)',
    problemsHeading: 'Uppgifterna kunde inte sparas',
    list: (items: string[]) => new Intl.ListFormat('sv', { type: 'conjunction' }).format(items),
  },
  {
    hint: 'Changes are saved automatically.',
    saving: 'Saving…',
    saved: (time) => `Saved ${time}`,
    retrying: 'Could not save – trying again',
    invalid: 'Could not save – correct the marked fields',
    failed: (why) =>
      `Could not save: ${why} Your changes are kept and saved when you change something again.`,
    conflict: 'Saving waits until you have chosen which changes apply.',
    lockedHeading: 'Your changes could not be saved',
    locked: (fields) =>
      `The case can no longer be changed here, and your latest changes were not saved: ${fields}. The text is still shown below so you can copy it.`,
    updatedHeading: 'Updated by someone else',
    updated: (fields) => `Someone else changed ${fields}. Their changes are now in the form.`,
    dismiss: 'Dismiss the message',
    conflictHeading: 'Someone else changed the same fields as you',
    conflictIntro:
      'Choose for each field which version applies. The form is saved once you have chosen for every field.',
    mine: 'Your version',
    theirs: 'Their version',
    keepMine: 'Keep mine',
    useTheirs: 'Use theirs',
    empty: '(empty)',
    problemsHeading: 'The form could not be saved',
    list: (items) => new Intl.ListFormat('en', { type: 'conjunction' }).format(items),
  },
);
