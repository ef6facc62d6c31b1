public import ChipChart

/// The sample catalogue of `Schemas/catalogues/sample.csv`: real code shapes, invented names,
/// prices and rates — for examples and tests, never for billing.
public enum SampleCatalogue {
    /// The catalogue the sample file describes.
    ///
    /// - Throws: ``ChipChart/CatalogueError`` if the embedded file were malformed (a test proves it is not).
    public static func load() throws(CatalogueError) -> Catalogue { try Catalogue(csv: csv) }
}
