/* test-session.c: RsSession setters, "changed" emissions and reset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "rs-session.h"
#include "rs-ack.h"

static const char two_documents[] =
  "{ \"id\": \"two\", \"version\": 1,"
  "  \"name\": { \"en\": \"Two\", \"zh_CN\": \"二\" },"
  "  \"documents\": [ { \"type\": \"cn-ric\", \"sides\": [\"front\", \"back\"] },"
  "                   { \"type\": \"passport\", \"sides\": [\"photo-page\"] } ] }";

static const char passport_only[] =
  "{ \"id\": \"passport-only\", \"version\": 1,"
  "  \"name\": { \"en\": \"Passport\", \"zh_CN\": \"护照\" },"
  "  \"documents\": [ { \"type\": \"passport\", \"sides\": [\"photo-page\"] } ] }";

static void
count_changed (RsSession *session,
               guint     *count)
{
  (*count)++;
}

static RsSession *
new_counted_session (guint *count)
{
  RsSession *session = rs_session_new ();

  *count = 0;
  g_signal_connect (session, "changed", G_CALLBACK (count_changed), count);
  return session;
}

static RsProfile *
load (const char *data)
{
  g_autoptr(GError) error = NULL;
  RsProfile *profile = rs_profile_new_from_data (data, -1, "test.json", &error);

  g_assert_no_error (error);
  return profile;
}

static void
test_new (void)
{
  g_autoptr(RsSession) session = rs_session_new ();
  g_auto(GStrv) fields = rs_session_list_fields (session);
  g_auto(GStrv) slots = rs_session_list_photo_slots (session);
  g_auto(GStrv) acks = rs_session_list_acknowledged (session);

  g_assert_null (rs_session_get_profile (session));
  g_assert_null (rs_session_get_profile_id (session));
  g_assert_null (rs_session_get_document_type (session));
  g_assert_cmpint (rs_session_get_reasons (session), ==, RS_REASON_NONE);
  g_assert_cmpint (rs_session_get_step (session), ==, 0);
  g_assert_cmpuint (g_strv_length (fields), ==, 0);
  g_assert_cmpuint (g_strv_length (slots), ==, 0);
  g_assert_cmpuint (g_strv_length (acks), ==, 0);
}

static void
test_profile_and_document (void)
{
  guint changed;
  g_autoptr(RsSession) session = new_counted_session (&changed);
  g_autoptr(RsProfile) two = load (two_documents);
  g_autoptr(RsProfile) passport = load (passport_only);
  g_autoptr(RsProfile) two_again = load (two_documents);

  rs_session_set_profile (session, two);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (rs_session_get_profile (session) == two);
  g_assert_cmpstr (rs_session_get_profile_id (session), ==, "two");

  /* same object: no emission */
  rs_session_set_profile (session, two);
  g_assert_cmpuint (changed, ==, 1);

  rs_session_set_document_type (session, RS_DOC_CN_RIC);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpstr (rs_session_get_document_type (session), ==, RS_DOC_CN_RIC);
  rs_session_set_document_type (session, RS_DOC_CN_RIC);
  g_assert_cmpuint (changed, ==, 2);

  /* another profile that still accepts the document keeps it */
  rs_session_set_profile (session, two_again);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpstr (rs_session_get_document_type (session), ==, RS_DOC_CN_RIC);

  /* a profile that does not accept it clears it, in one emission */
  rs_session_set_profile (session, passport);
  g_assert_cmpuint (changed, ==, 4);
  g_assert_cmpstr (rs_session_get_profile_id (session), ==, "passport-only");
  g_assert_null (rs_session_get_document_type (session));

  /* an accepted one stays */
  rs_session_set_document_type (session, RS_DOC_PASSPORT);
  rs_session_set_profile (session, two);
  g_assert_cmpuint (changed, ==, 6);
  g_assert_cmpstr (rs_session_get_document_type (session), ==, RS_DOC_PASSPORT);

  /* no profile: the document type is kept */
  rs_session_set_profile (session, NULL);
  g_assert_cmpuint (changed, ==, 7);
  g_assert_null (rs_session_get_profile (session));
  g_assert_null (rs_session_get_profile_id (session));
  g_assert_cmpstr (rs_session_get_document_type (session), ==, RS_DOC_PASSPORT);

  rs_session_set_document_type (session, NULL);
  g_assert_cmpuint (changed, ==, 8);
  g_assert_null (rs_session_get_document_type (session));
}

static void
test_reasons (void)
{
  guint changed;
  g_autoptr(RsSession) session = new_counted_session (&changed);
  static const RsReason all[] = {
    RS_REASON_DETAILS, RS_REASON_PHOTO, RS_REASON_FILES, RS_REASON_UPLOAD, RS_REASON_UNSURE,
  };
  static const char * const ids[] = { "details", "photo", "files", "upload", "unsure" };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_assert_cmpstr (rs_reason_to_string (all[i]), ==, ids[i]);
      g_assert_cmpint (rs_reason_from_string (ids[i]), ==, all[i]);
    }
  g_assert_null (rs_reason_to_string (RS_REASON_NONE));
  g_assert_null (rs_reason_to_string (RS_REASON_DETAILS | RS_REASON_PHOTO));
  g_assert_cmpint (rs_reason_from_string ("nonsense"), ==, RS_REASON_NONE);
  g_assert_cmpint (rs_reason_from_string (NULL), ==, RS_REASON_NONE);

  rs_session_set_reasons (session, RS_REASON_PHOTO | RS_REASON_FILES);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (rs_session_has_reason (session, RS_REASON_PHOTO));
  g_assert_true (rs_session_has_reason (session, RS_REASON_FILES));
  g_assert_false (rs_session_has_reason (session, RS_REASON_DETAILS));

  rs_session_set_reasons (session, RS_REASON_PHOTO | RS_REASON_FILES);
  g_assert_cmpuint (changed, ==, 1);

  /* bits outside RS_REASON_ALL are dropped */
  rs_session_set_reasons (session, RS_REASON_UNSURE | (1 << 12));
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpint (rs_session_get_reasons (session), ==, RS_REASON_UNSURE);
  rs_session_set_reasons (session, RS_REASON_UNSURE | (1 << 13));
  g_assert_cmpuint (changed, ==, 2);

  rs_session_set_reasons (session, RS_REASON_NONE);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpint (rs_session_get_reasons (session), ==, RS_REASON_NONE);
}

static void
test_fields (void)
{
  guint changed;
  g_autoptr(RsSession) session = new_counted_session (&changed);
  g_auto(GStrv) list = NULL;

  rs_session_set_field (session, "name", "张三");
  rs_session_set_field (session, "birth_date", "1990-01-02");
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpstr (rs_session_get_field (session, "name"), ==, "张三");
  g_assert_null (rs_session_get_field (session, "phone"));

  rs_session_set_field (session, "name", "张三");
  g_assert_cmpuint (changed, ==, 2);
  rs_session_set_field (session, "name", "李四");
  g_assert_cmpuint (changed, ==, 3);

  list = rs_session_list_fields (session);
  g_assert_cmpstrv (list, ((const char * const[]) { "birth_date", "name", NULL }));

  /* "" and NULL remove; removing nothing does not emit */
  rs_session_set_field (session, "name", "");
  g_assert_cmpuint (changed, ==, 4);
  g_assert_null (rs_session_get_field (session, "name"));
  rs_session_set_field (session, "name", NULL);
  g_assert_cmpuint (changed, ==, 4);
  rs_session_set_field (session, "birth_date", NULL);
  g_assert_cmpuint (changed, ==, 5);

  rs_session_set_field (session, "email", "a@example.com");
  g_assert_cmpuint (changed, ==, 6);
  rs_session_clear_fields (session);
  g_assert_cmpuint (changed, ==, 7);
  g_assert_null (rs_session_get_field (session, "email"));
  rs_session_clear_fields (session);
  g_assert_cmpuint (changed, ==, 7);
}

static void
test_photos (void)
{
  guint changed;
  g_autoptr(RsSession) session = new_counted_session (&changed);
  g_auto(GStrv) slots = NULL;

  rs_session_set_photo (session, RS_SLOT_ID_FRONT, "/tmp/front.jpg");
  rs_session_set_photo (session, RS_SLOT_SELFIE, "/tmp/selfie.jpg");
  rs_session_set_photo (session, RS_SLOT_ID_BACK, "/tmp/back.jpg");
  g_assert_cmpuint (changed, ==, 3);
  rs_session_set_photo (session, RS_SLOT_ID_BACK, "/tmp/back.jpg");
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpstr (rs_session_get_photo (session, RS_SLOT_ID_FRONT), ==, "/tmp/front.jpg");
  g_assert_null (rs_session_get_photo (session, RS_SLOT_PASSPORT));

  slots = rs_session_list_photo_slots (session);
  g_assert_cmpstrv (slots, ((const char * const[]) { "id-back", "id-front", "selfie", NULL }));

  rs_session_set_photo (session, RS_SLOT_ID_FRONT, "/tmp/front-fixed.jpg");
  g_assert_cmpuint (changed, ==, 4);
  g_assert_cmpstr (rs_session_get_photo (session, RS_SLOT_ID_FRONT), ==, "/tmp/front-fixed.jpg");
  rs_session_set_photo (session, RS_SLOT_ID_FRONT, NULL);
  g_assert_cmpuint (changed, ==, 5);
  g_assert_null (rs_session_get_photo (session, RS_SLOT_ID_FRONT));
}

static void
test_acknowledgments (void)
{
  guint changed;
  g_autoptr(RsSession) session = new_counted_session (&changed);
  g_auto(GStrv) list = NULL;

  g_assert_false (rs_session_is_acknowledged (session, "photo:id-front:glare"));
  g_assert_false (rs_session_is_acknowledged (session, NULL));

  rs_session_set_acknowledged (session, "photo:id-front:glare", TRUE);
  g_assert_cmpuint (changed, ==, 1);
  rs_session_set_acknowledged (session, "photo:id-front:glare", TRUE);
  g_assert_cmpuint (changed, ==, 1);
  rs_session_set_acknowledged (session, "details:region", TRUE);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_true (rs_session_is_acknowledged (session, "photo:id-front:glare"));
  g_assert_true (rs_session_is_acknowledged (session, "details:region"));

  list = rs_session_list_acknowledged (session);
  g_assert_cmpstrv (list, ((const char * const[]) { "details:region", "photo:id-front:glare", NULL }));

  rs_session_set_acknowledged (session, "details:region", FALSE);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_false (rs_session_is_acknowledged (session, "details:region"));
  rs_session_set_acknowledged (session, "details:region", FALSE);
  g_assert_cmpuint (changed, ==, 3);
}

static void
test_step (void)
{
  guint changed;
  g_autoptr(RsSession) session = new_counted_session (&changed);

  rs_session_set_step (session, 3);
  g_assert_cmpint (rs_session_get_step (session), ==, 3);
  g_assert_cmpuint (changed, ==, 1);
  rs_session_set_step (session, 3);
  g_assert_cmpuint (changed, ==, 1);
  rs_session_set_step (session, 0);
  g_assert_cmpuint (changed, ==, 2);
}

static void
test_reset (void)
{
  guint changed;
  g_autoptr(RsSession) session = new_counted_session (&changed);
  g_autoptr(RsProfile) profile = load (two_documents);
  g_auto(GStrv) fields = NULL;
  g_auto(GStrv) slots = NULL;
  g_auto(GStrv) acks = NULL;

  rs_session_set_profile (session, profile);
  rs_session_set_document_type (session, RS_DOC_CN_RIC);
  rs_session_set_reasons (session, RS_REASON_DETAILS);
  rs_session_set_field (session, "name", "张三");
  rs_session_set_photo (session, RS_SLOT_SELFIE, "/tmp/s.jpg");
  rs_session_set_acknowledged (session, "confirm:compared-details", TRUE);
  rs_session_set_step (session, 4);
  g_assert_cmpuint (changed, ==, 7);

  rs_session_reset (session);
  g_assert_cmpuint (changed, ==, 8);
  g_assert_null (rs_session_get_profile (session));
  g_assert_null (rs_session_get_profile_id (session));
  g_assert_null (rs_session_get_document_type (session));
  g_assert_cmpint (rs_session_get_reasons (session), ==, RS_REASON_NONE);
  g_assert_cmpint (rs_session_get_step (session), ==, 0);
  fields = rs_session_list_fields (session);
  slots = rs_session_list_photo_slots (session);
  acks = rs_session_list_acknowledged (session);
  g_assert_cmpuint (g_strv_length (fields), ==, 0);
  g_assert_cmpuint (g_strv_length (slots), ==, 0);
  g_assert_cmpuint (g_strv_length (acks), ==, 0);
  g_assert_false (rs_session_is_acknowledged (session, "confirm:compared-details"));

  /* reset dropped the session's reference: ours was the last one. */
  {
    gpointer weak = profile;

    g_object_add_weak_pointer (G_OBJECT (profile), &weak);
    g_clear_object (&profile);
    g_assert_null (weak);
  }
}

/* The typed keys keep the stored form of older drafts. */
static void
test_ack_keys (void)
{
  g_autoptr(RsSession) session = rs_session_new ();
  g_autofree char *photo = rs_ack_photo_key ("id-front", "glare");
  g_autofree char *field = rs_ack_details_key ("name", "latin-only");
  g_autofree char *record = rs_ack_details_key (NULL, "age");
  g_auto(GStrv) keys = NULL;

  g_assert_cmpstr (photo, ==, "photo:id-front:glare");
  g_assert_cmpstr (field, ==, "details:name:latin-only");
  g_assert_cmpstr (record, ==, "details:record:age");
  g_assert_true (rs_ack_is_details_key (field));
  g_assert_false (rs_ack_is_details_key (photo));

  /* A draft written with hand-built keys reads back through the API. */
  rs_session_set_acknowledged (session, "photo:id-front:glare", TRUE);
  rs_session_set_acknowledged (session, "photo:id-back:blur", TRUE);
  g_assert_true (rs_ack_photo_get (session, "id-front", "glare"));
  g_assert_false (rs_ack_photo_get (session, "id-front", "blur"));
  rs_ack_photo_set (session, "id-front", "blur", TRUE);
  g_assert_true (rs_session_is_acknowledged (session, "photo:id-front:blur"));

  /* Clearing a slot leaves the other slots' acknowledgements. */
  rs_ack_photo_clear (session, "id-front");
  keys = rs_session_list_acknowledged (session);
  g_assert_cmpuint (g_strv_length (keys), ==, 1);
  g_assert_cmpstr (keys[0], ==, "photo:id-back:blur");
}

typedef struct {
  GPtrArray *seen; /* "notify:<prop>", "field:<id>", "photo:<slot>", "ack:<key>" */
  guint      changed;
} Seen;

static void
seen_notify (GObject    *object,
             GParamSpec *pspec,
             Seen       *seen)
{
  g_ptr_array_add (seen->seen, g_strconcat ("notify:", pspec->name, NULL));
}

static void
seen_field (RsSession  *session,
            const char *id,
            Seen       *seen)
{
  g_ptr_array_add (seen->seen, g_strconcat ("field:", id, NULL));
}

static void
seen_photo (RsSession  *session,
            const char *slot,
            Seen       *seen)
{
  g_ptr_array_add (seen->seen, g_strconcat ("photo:", slot, NULL));
}

static void
seen_ack (RsSession  *session,
          const char *key,
          Seen       *seen)
{
  g_ptr_array_add (seen->seen, g_strconcat ("ack:", key, NULL));
}

static void
seen_changed (RsSession *session,
              Seen      *seen)
{
  seen->changed++;
}

static void
count_field (RsSession  *session,
             const char *id,
             guint      *count)
{
  (*count)++;
}

static gboolean
seen_has (Seen       *seen,
          const char *what)
{
  return g_ptr_array_find_with_equal_func (seen->seen, what, g_str_equal, NULL);
}

/* Each part tells about its own changes, and only about real ones; a reset
 * tells about every part it clears. */
static void
test_part_signals (void)
{
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(RsProfile) profile = load (two_documents);
  Seen seen = { g_ptr_array_new_with_free_func (g_free), 0 };
  guint name_only = 0;
  guint reasons = 0;
  guint resets = 0;

  g_signal_connect (session, "notify", G_CALLBACK (seen_notify), &seen);
  g_signal_connect (session, "field-changed", G_CALLBACK (seen_field), &seen);
  g_signal_connect (session, "photo-changed", G_CALLBACK (seen_photo), &seen);
  g_signal_connect (session, "acknowledged-changed", G_CALLBACK (seen_ack), &seen);
  g_signal_connect (session, "changed", G_CALLBACK (seen_changed), &seen);
  g_signal_connect (session, "reset", G_CALLBACK (count_changed), &resets);
  g_signal_connect (session, "field-changed::name", G_CALLBACK (count_field), &name_only);

  rs_session_set_profile (session, profile);
  g_assert_true (seen_has (&seen, "notify:profile"));
  g_assert_true (seen_has (&seen, "notify:profile-id"));
  rs_session_set_document_type (session, "passport");
  g_assert_true (seen_has (&seen, "notify:document-type"));
  rs_session_set_reasons (session, RS_REASON_PHOTO);
  g_assert_true (seen_has (&seen, "notify:reasons"));
  g_object_get (session, "reasons", &reasons, NULL);
  g_assert_cmpuint (reasons, ==, RS_REASON_PHOTO);
  rs_session_set_field (session, "name", "Zhang San");
  rs_session_set_field (session, "phone", "13800138000");
  g_assert_true (seen_has (&seen, "field:name"));
  g_assert_cmpuint (name_only, ==, 1);
  rs_session_set_photo (session, RS_SLOT_ID_FRONT, "/tmp/front.jpg");
  g_assert_true (seen_has (&seen, "photo:" RS_SLOT_ID_FRONT));
  rs_session_set_acknowledged (session, "photo:id-front:glare", TRUE);
  g_assert_true (seen_has (&seen, "ack:photo:id-front:glare"));
  g_assert_cmpuint (seen.changed, ==, 7);

  /* The same values again: no signal at all. */
  g_ptr_array_set_size (seen.seen, 0);
  rs_session_set_document_type (session, "passport");
  rs_session_set_field (session, "name", "Zhang San");
  rs_session_set_photo (session, RS_SLOT_ID_FRONT, "/tmp/front.jpg");
  g_assert_cmpuint (seen.seen->len, ==, 0);
  g_assert_cmpuint (seen.changed, ==, 7);

  /* A reset tells about every part. */
  rs_session_reset (session);
  for (guint i = 0; i < 6; i++)
    {
      const char *expected[] = { "notify:profile", "notify:document-type", "notify:reasons",
                                 "field:name", "field:phone", "photo:" RS_SLOT_ID_FRONT };
      g_assert_true (seen_has (&seen, expected[i]));
    }
  g_assert_true (seen_has (&seen, "ack:photo:id-front:glare"));
  g_assert_cmpuint (name_only, ==, 2);
  g_assert_cmpuint (seen.changed, ==, 8);
  g_assert_cmpuint (resets, ==, 1);
  g_ptr_array_unref (seen.seen);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/new", test_new);
  g_test_add_func ("/session/profile-and-document", test_profile_and_document);
  g_test_add_func ("/session/reasons", test_reasons);
  g_test_add_func ("/session/fields", test_fields);
  g_test_add_func ("/session/photos", test_photos);
  g_test_add_func ("/session/acknowledgments", test_acknowledgments);
  g_test_add_func ("/session/ack-keys", test_ack_keys);
  g_test_add_func ("/session/part-signals", test_part_signals);
  g_test_add_func ("/session/step", test_step);
  g_test_add_func ("/session/reset", test_reset);

  return g_test_run ();
}
