package io.leakwatch.contracts.incident;

/**
 * What the seller asks for the data, as posted.
 *
 * @param amount a decimal number as text, so no currency's amount is rounded on the way
 * @param currency an ISO 4217 code (USD, IDR) or a crypto-currency ticker (BTC, XMR)
 */
public record AskingPrice(String amount, String currency) {}
