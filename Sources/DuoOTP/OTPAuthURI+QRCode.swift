public import DuoQR

extension OTPAuthURI {
    /// The URI as a QR code, for an authenticator app to scan at enrollment.
    ///
    /// The code encodes ``uriString``, secret included, so it is made only when this method is
    /// called, and it is as sensitive as the key: show it to the user who enrolls and nowhere
    /// else. `QRCode`'s description and mirror never show its modules, so logging the value
    /// does not leak the key; the rendered SVG, PNG or text does, and must not be logged.
    ///
    /// ```swift
    /// import DuoQR
    ///
    /// let svg = try account.qrCode().svg()   // inline it in the enrollment page
    /// ```
    ///
    /// - Parameter level: The error-correction level (default M).
    /// - Throws: `QRCodeError` when the URI is too long for a version 40 code at that level
    ///   (an account name of thousands of characters).
    public func qrCode(level: QRErrorCorrection = .medium) throws(QRCodeError) -> QRCode {
        try QRCode(encoding: uriString, level: level)
    }
}
