/// Every number the matcher uses, in one place.
///
/// Each factor is a likelihood ratio: P(evidence | the record is this person) divided by
/// P(evidence | it is someone else). The first part ("m", an agreement or error rate) is set
/// here; the second ("u", how common the evidence is among other people) is measured at run
/// time from the persons in the database wherever it can be (name frequencies, region and
/// sex shares, birth years, last-seen dates), so the same rules hold for any centre's data.
/// No factor is ever zero: disagreement lowers a score, only a person's rejection removes a
/// pair.
///
/// Where a number is an assumption it says so. Every assumption should be re-estimated from
/// confirmed links once a centre has a few hundred (`homeward link list --state confirmed
/// --json` gives the evidence of each), and changed here, nowhere else.
enum MatchWeights {
    // MARK: Prior

    /// Share of returned records that belong to someone whose family has an inquiry with the
    /// centre. Assumption: the 2025 transfers returned 1,000–1,200 bodies at a time while
    /// about half of the families of the missing had filed with any one tracing centre.
    /// Used to turn a likelihood ratio into a posterior when one person is a candidate of
    /// several records (see `claimShown`).
    static let priorShareInDatabase = 0.5

    /// One person is one body: a person's candidacy for a record is lowered by the
    /// posteriors (summed) that other records of the batch are that person. Claims below this
    /// share are too weak to change a ranking and are not shown. Chosen: 5 %.
    static let claimShown = 0.05

    /// Candidates explained beyond `--top` per record before claims re-rank them: a claim
    /// lowers a person another record explains better, and one of these moves up. Chosen:
    /// more than a batch's records usually share among their best few.
    static let rankingMargin = 10

    /// `match --save` stores candidates scoring at least this (log10) unless `--min-score`
    /// says otherwise: 0 is "the evidence speaks for the pair", so links hold no candidate
    /// the evidence speaks against. Chosen.
    static let saveFloor = 0.0

    /// The lowest factor that claim (or a confirmed link elsewhere) applies: the other record
    /// may still be wrong. Assumption: about 1 in 100 confirmed links is later revoked.
    static let claimFloor = 0.01

    /// Shares measured in the database (regions, sex, birth years, last-seen dates) are
    /// blended with an even spread as if this many more persons had it, so a small database
    /// does not read chance clusters as rare evidence. At 100,000 persons it changes little.
    static let statisticsPseudoCount = 300.0
    /// The even spreads: ages of missing service members over 18–62; last-seen dates over
    /// the span below; regions over the directory's; sex as in the Ukrainian forces (about
    /// 1 in 10 women serving, fewer among the missing).
    static let evenAgeSpanYears = 45.0
    static let evenMaleShare = 0.92
    static let evenFemaleShare = 0.06

    // MARK: Service number

    /// m: true pairs whose service numbers agree exactly. Assumption: numbers are copied from
    /// tags and documents found with the body; about 1 in 10 is misread or belongs to an
    /// effect taken from someone else.
    static let serviceExactAgreement = 0.90
    /// m: true pairs whose numbers differ by one edit (a misread or swapped character).
    static let serviceOneEdit = 0.05
    /// m: true pairs whose numbers differ by more (someone else's documents).
    static let serviceMismatch = 0.05
    /// u: chance that another person's number equals a record's exactly. Chosen so that an
    /// exact number weighs ×1000, the strength DESIGN §3 gives it; numbers are unique but
    /// recorded ones collide through copying errors.
    static let serviceExactChance = 0.0009
    /// u: chance that another person's number is one edit away (about ten times as many
    /// numbers lie within one edit as equal it).
    static let serviceOneEditChance = 0.001

    // MARK: Names (one set of numbers per name field)

    /// m: the field's key agrees exactly. Assumption: handwritten and transliterated
    /// manifests keep about 4 in 5 names intact once spellings are folded into keys.
    static let nameExact = 0.80
    /// m: the other language's form of the same given name (Микола/Николай) or patronymic.
    /// Assumption: records from the Russian side write Russian forms for about 1 in 10.
    static let nameOtherForm = 0.10
    /// m: one or two edits apart on the key (a typo, a misread letter, a German or French
    /// spelling). Assumption: 1 in 14 one edit, 1 in 50 two.
    static let nameOneEdit = 0.07
    static let nameTwoEdits = 0.02
    /// m: the field disagrees beyond a typo (a wrong name, the name of someone else's effects).
    static let nameDisagreement = 0.03
    /// m: a record word that is a single letter agrees with the first letter of the field.
    static let initialAgreement = 0.90
    /// m: a swallowed space: one record word is two of the person's names run together.
    /// Assumption: rare but typical of quickly typed lists; the parts count as agreeing, at
    /// this cost.
    static let swallowedSpace = 0.5

    /// u prior: typical frequency of one family name, given name or patronymic, blended with
    /// the frequency measured in the database (`namePseudoCount` imagined persons), so a
    /// small database does not call every name rare. From Ukrainian name statistics: the
    /// commonest family names (Мельник, Шевченко) have about 0.3 %, but the long tail puts a
    /// typical one near 1 in 5,000; about 200 given names cover most men.
    static let typicalFamilyFrequency = 1.0 / 5_000
    static let typicalGivenFrequency = 1.0 / 200
    static let typicalPatronymicFrequency = 1.0 / 200
    static let namePseudoCount = 1_000.0
    /// u: how many more keys lie within one edit of a key than equal it. Assumption, from
    /// the keys of the shipped transliteration examples: about 20.
    static let keysPerEdit = 20.0

    // MARK: Sex

    /// m: the recorded sex agrees. Assumption: forensic examination rarely errs; commingled
    /// remains and data entry account for about 2 %.
    static let sexAgreement = 0.98
    /// u: a share measured in the database is kept within these bounds, so that a database
    /// of men alone still leaves room for a woman.
    static let shareFloor = 0.02

    // MARK: Age

    /// m: how the true age at recovery falls around an estimated range. Forensic estimates
    /// are a central age with an interval: `ageWithinRange` of true ages fall near the middle,
    /// normally spread so that about 90 % of them lie inside the range (a standard deviation
    /// of a half-width / 1.645, at least `ageLeastSpreadYears`); the rest are wrong by more,
    /// falling by e every `ageSpreadYears` beyond the half-width. Assumption: skeletal age
    /// ranges miss the true age about 15 % of the time.
    static let ageWithinRange = 0.85
    static let ageLeastSpreadYears = 1.5
    static let ageSpreadYears = 4.0
    /// When a record gives only one bound, the range is taken this wide.
    static let ageOpenRangeYears = 15
    /// u: ages are compared per year; the share measured in the database is averaged over
    /// this many years either side, and never taken below `shareFloor / 10` per year.
    static let ageSmoothingYears = 2

    // MARK: Region

    /// m: a body is recovered in the last known region, in a neighbouring one, or elsewhere.
    /// Assumption: front lines follow oblast borders, bodies are moved; about 65/25/10.
    static let regionSame = 0.65
    static let regionAdjacent = 0.25
    static let regionElsewhere = 0.10

    // MARK: Date

    /// m for a recovery date: the share of true pairs recovered after last seen, and how the
    /// delay spreads: part soon (exponential with this mean), part over years (uniform over
    /// this span). Assumption: battlefield recovery within weeks is common; the 2025
    /// transfers returned remains from 2022–2024.
    static let recoveredAfterLastSeen = 0.97
    static let recoveredSoonShare = 0.55
    static let recoveredSoonMeanDays = 90.0
    static let recoveredLateSpanDays = 1_500.0
    /// m: recovered well before the day last seen (a "last seen" date wrong by more than
    /// `lastSeenErrorDays`); the chance falls by e every this many days before it. DESIGN §3:
    /// such cases were once solved, so this lowers but never excludes.
    static let recoveredBeforeSpreadDays = 60.0
    /// The usual error of a "last seen" date, in days (the scale of a Laplace error around
    /// it): the day is reported by comrades or family afterwards, often to the week ("mid
    /// May"). Every delay density is seen through it, so a recovery a few days before the
    /// date last seen is about as likely as one a few days after, not a hundred times less.
    /// Assumption: half of the dates are within 10 days of the true day (scale 15 days).
    static let lastSeenErrorDays = 15.0
    /// m for a batch date alone (no recovery date): the transfer is after last seen, at any
    /// time within this span, or (rarely) before it.
    static let transferredAfterLastSeen = 0.97
    static let transferSpanDays = 1_500.0
    /// u: last-seen dates measured in the database, averaged over this many days either side.
    static let dateSmoothingDays = 15

    // MARK: Batches (inquiry → batch)

    /// How much a batch's kind says about a missing person before any record is known.
    /// Assumption: most missing soldiers are later found to have died; about 1 in 5 returns
    /// alive from captivity. Relative to a random batch, a remains batch is likelier.
    static let kindRemains = 1.6
    static let kindPrisonerExchange = 0.8
    static let kindOther = 0.3
    /// The manifest factor when a batch has records and none scores above 1 for the person:
    /// the person is probably not in it (lists are incomplete, so not zero).
    static let manifestNoResemblance = 0.3
}
