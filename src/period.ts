// Periods are given as calendar days (the Date scalar: UTC midnight) and include their last day.

/** The exclusive upper bound of a period that ends on `day`. */
export const dayAfter = (day: Date): Date => new Date(day.getTime() + 86_400_000);
