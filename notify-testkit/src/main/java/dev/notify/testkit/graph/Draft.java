package dev.notify.testkit.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A draft in the stub's mailbox: the message as created, attachments posted since, uploads completed. Threadsafe. */
final class Draft {

    final String id;
    final String user;
    final ObjectNode message;
    final List<UploadedAttachment> uploads = new CopyOnWriteArrayList<>();

    Draft(String id, String user, ObjectNode message) {
        this.id = id;
        this.user = user;
        this.message = message;
    }

    synchronized void addAttachment(ObjectNode attachment) {
        ArrayNode attachments = message.has("attachments") && message.get("attachments").isArray()
                ? (ArrayNode) message.get("attachments") : message.putArray("attachments");
        attachments.add(attachment);
    }

    synchronized String json() {
        return message.toString();
    }
}
