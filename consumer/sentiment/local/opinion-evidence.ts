// The strong evidence MIXED looks for: the strongest opinion words on each side, and the strongest opposed pair in different clauses.

/** The strongest item of one side seen so far, and the strongest one in any other clause. */
class SideBest {
  public value = 0;
  public clause = -1;
  /** The strongest item in a clause other than `clause`. */
  public other = 0;

  public add(value: number, clause: number): void {
    if (value > this.value) {
      if (clause !== this.clause) this.other = this.value;
      this.value = value;
      this.clause = clause;
    } else if (clause !== this.clause && value > this.other) this.other = value;
  }

  /** The strongest item outside `clause`. */
  public outside(clause: number): number {
    return clause === this.clause ? this.other : this.value;
  }
}

/**
 * Collects opinion words (not tone markers) with their clause number. `opposed` is the strength of the strongest pair of a
 * positive and a negative item in different clauses (the smaller of the two): "wonderful food and terrible service" has
 * one, "letting the terrorists win" does not (one clause, one evaluation).
 */
export class OpinionEvidence {
  private readonly positive = new SideBest();
  private readonly negative = new SideBest();

  /** `valence` is signed (VADER scale); `clause` numbers the clause it stands in. */
  public add(valence: number, clause: number): void {
    if (valence > 0) this.positive.add(valence, clause);
    else if (valence < 0) this.negative.add(-valence, clause);
  }

  public get strongestPositive(): number {
    return this.positive.value;
  }

  public get strongestNegative(): number {
    return this.negative.value;
  }

  public get opposed(): number {
    return Math.max(
      Math.min(this.positive.value, this.negative.outside(this.positive.clause)),
      Math.min(this.negative.value, this.positive.outside(this.negative.clause)),
    );
  }
}
