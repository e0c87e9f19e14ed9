// How far a named vote has got, in the words both pages use ("412 von 2.000 haben abgestimmt").
// Never the split: that is published when the vote closes.
const number = new Intl.NumberFormat('de-DE');

export const votedText = (ballotsCast: number, eligible: number) => `${number.format(ballotsCast)} von ${number.format(eligible)} haben abgestimmt`;
