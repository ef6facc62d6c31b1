extension SyntheticPopulation {
    /// The ten digits of the social insurance number of the person at `index`.
    ///
    /// A bijection of the index onto the ten-digit numbers, keyed by the seed: two people of a
    /// population never share a number (for any population under ten billion), and the numbers
    /// still look drawn at random. Each step is a permutation of `0..<10^10`: an affine map whose
    /// factor is prime to 10, and a swap of the two five-digit halves.
    func socialInsuranceDigits(at index: Int) -> String {
        let modulus: UInt64 = 10_000_000_000
        let half: UInt64 = 100_000
        var key = SeededRandom(seed: seed ^ 0x5EED_B4C5)
        // Factors below 1.8 × 10^9 keep `value * factor` within 64 bits.
        let rounds: [(factor: UInt64, offset: UInt64)] = [
            (1_234_567_891, key.next() % modulus), (1_618_033_987, key.next() % modulus),
            (1_414_213_563, key.next() % modulus),
        ]
        var value = UInt64(index) % modulus
        for round in rounds {
            value = (value * round.factor % modulus + round.offset) % modulus
            value = value % half * half + value / half
        }
        let text = String(value)
        return String(repeating: "0", count: 10 - text.count) + text
    }
}
