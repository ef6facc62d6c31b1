/// The command line: `--url URL`, `--seconds N`, `--desks 1,4,16`, `--returning`, or `--archive FILE.gz`.
struct BenchmarkOptions {
    var url: String?
    /// An archive to move into PostgreSQL and out again, instead of the check-in runs.
    var archive: String?
    /// Returning patients' check-ins and their visits' closing, instead of new people's.
    var returning = false
    var seconds = 10
    var desks = [1, 4, 16]

    init() {}

    init(arguments: [String]) throws {
        var remaining = arguments[...]
        while let flag = remaining.popFirst() {
            if flag == "--returning" {
                returning = true
                continue
            }
            guard let value = remaining.popFirst() else { throw OptionError("\(flag) needs a value") }
            switch flag {
            case "--url": url = value
            case "--archive": archive = value
            case "--seconds":
                guard let seconds = Int(value), seconds > 0 else {
                    throw OptionError("--seconds takes a positive number")
                }
                self.seconds = seconds
            case "--desks":
                let desks = value.split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
                guard !desks.isEmpty else { throw OptionError("--desks takes numbers such as 1,4,16") }
                self.desks = desks
            default: throw OptionError("unknown option \(flag)")
            }
        }
    }
}

/// A command-line mistake, said in a sentence.
struct OptionError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
