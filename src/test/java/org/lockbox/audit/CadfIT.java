package org.lockbox.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/**
 * The CADF export is read back by pyCADF itself (Debian's python3-pycadf, which Keystone brings):
 * every event becomes a pyCADF Event with its initiator, target, observer, reason and attachments,
 * and pyCADF's validators and is_valid() accept it.
 */
class CadfIT {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void pyCadfAcceptsEveryExportedEvent() throws IOException, InterruptedException {
        String project = Tokens.newProject();
        String creator = Tokens.token("alice", project, "creator");
        String id = Lockbox.storeBinary(creator, new byte[16], "");
        assertEquals(200, Lockbox.get("/v1/secrets/" + id + "/payload", creator).status());
        assertEquals(403, Lockbox.get("/v1/secrets/" + id + "/payload", Tokens.token("rita", project, "reader")).status());
        assertEquals(200, Lockbox.get("/v1/secrets", creator).status());
        assertEquals(204, Lockbox.delete("/v1/secrets/" + id, creator).status());
        Reply export = Lockbox.get("/v1/lockbox/audit/cadf?project_id=" + project + "&limit=100",
                Tokens.token("adam", project, "admin"));
        assertEquals(200, export.status(), export.toString());

        assertTrue(Files.isExecutable(PYTHON), "CadfIT needs Debian's python3 with python3-pycadf"
                + " (apt-get install python3-pycadf; scripts/test installs it with python3-keystone)");
        Process check = new ProcessBuilder(PYTHON.toString(), "-c", SCRIPT).redirectErrorStream(true).start();
        check.getOutputStream().write(export.body());
        check.getOutputStream().close();
        String output;
        try (InputStream out = check.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(0, check.waitFor(), output);
        assertTrue(output.contains("valid 7"), output); // five outcomes and the intents of the creation and deletion
    }

    private static final String SCRIPT = """
            import json, sys
            try:
                from pycadf import attachment, event, reason, resource
            except ImportError:
                sys.exit("pyCADF is missing: apt-get install python3-pycadf")
            known = set(event.EVENT_KEYNAMES) | {"requestPath", "request_id"}
            events = json.load(sys.stdin)
            for e in events:
                unknown = set(e) - known
                assert not unknown, "keys pyCADF does not know: %s" % unknown
                assert e["typeURI"] == event.TYPE_URI_EVENT, e["typeURI"]
                i, t, o = e["initiator"], e["target"], e["observer"]
                assert set(o) == {"id"}, o
                cadf = event.Event(eventType=e["eventType"], id=e["id"], eventTime=e["eventTime"],
                                   action=e["action"], outcome=e["outcome"],
                                   initiator=resource.Resource(id=i["id"], typeURI=i["typeURI"]),
                                   target=resource.Resource(id=t["id"], typeURI=t["typeURI"]),
                                   observer=resource.Resource(id=o["id"]))
                if "reason" in e:
                    cadf.reason = reason.Reason(reasonType=e["reason"]["reasonType"],
                                                reasonCode=e["reason"]["reasonCode"])
                for a in e.get("attachments", []):
                    cadf.add_attachment(attachment.Attachment(typeURI=a["typeURI"], content=a["content"],
                                                              name=a["name"]))
                assert cadf.is_valid(), e
            print("valid %d" % len(events))
            """;
}
