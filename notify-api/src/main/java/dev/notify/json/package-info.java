/**
 * notify's one JSON codec. {@link dev.notify.json.Json#parse(String)} reads a text into plain values within fixed
 * limits and throws only {@link dev.notify.json.JsonException}; {@link dev.notify.json.Json#write(Object)} writes
 * plain values with every control character escaped; {@link dev.notify.json.JsonObject} reads fields of an
 * answer leniently and {@link dev.notify.json.JsonNumber} keeps a number as its text until a caller asks for a
 * value of a bounded size.
 */
package dev.notify.json;
