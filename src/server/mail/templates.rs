//! The texts of the mails, in the language of the person who caused them.
use super::Mail;
use crate::i18n::{Locale, td_string};

/// Invitation to set a password (account access, new to the portal).
pub fn invite(locale: Locale, to: &str, firm: &str, matter: &str, url: &str) -> Mail {
    Mail {
        to: to.into(),
        subject: td_string!(locale, mail.invite_subject, firm = firm).to_string(),
        body: td_string!(locale, mail.invite_body, firm = firm, matter = matter, url = url).to_string(),
    }
}

/// A new matter shared with a client who already has a password.
pub fn shared(locale: Locale, to: &str, firm: &str, matter: &str, url: &str) -> Mail {
    Mail {
        to: to.into(),
        subject: td_string!(locale, mail.shared_subject, firm = firm, matter = matter).to_string(),
        body: td_string!(locale, mail.shared_body, firm = firm, matter = matter, url = url).to_string(),
    }
}

/// A secret link to the portal.
pub fn link(locale: Locale, to: &str, firm: &str, url: &str) -> Mail {
    Mail {
        to: to.into(),
        subject: td_string!(locale, mail.link_subject, firm = firm).to_string(),
        body: td_string!(locale, mail.link_body, firm = firm, url = url).to_string(),
    }
}

/// A new matter shared with a client who already holds a live link.
pub fn shared_by_link(locale: Locale, to: &str, firm: &str, matter: &str) -> Mail {
    Mail {
        to: to.into(),
        subject: td_string!(locale, mail.shared_subject, firm = firm, matter = matter).to_string(),
        body: td_string!(locale, mail.shared_link_body, firm = firm, matter = matter).to_string(),
    }
}

/// A password reset link.
pub fn reset(locale: Locale, to: &str, url: &str) -> Mail {
    Mail {
        to: to.into(),
        subject: td_string!(locale, mail.reset_subject).to_string(),
        body: td_string!(locale, mail.reset_body, url = url).to_string(),
    }
}

/// A new ticket, to a workspace admin.
pub fn ticket_new(locale: Locale, to: &str, number: i64, title: &str, client: &str, matter: &str, priority: &str, url: &str) -> Mail {
    Mail {
        to: to.into(),
        subject: td_string!(locale, mail.ticket_new_subject, number = number, title = title).to_string(),
        body: td_string!(locale, mail.ticket_new_body, number = number, title = title, client = client, matter = matter, priority = priority, url = url)
            .to_string(),
    }
}

/// A staff reply, to the client.
pub fn ticket_reply(locale: Locale, to: &str, firm: &str, number: i64, title: &str, body: &str, url: &str) -> Mail {
    Mail {
        to: to.into(),
        subject: td_string!(locale, mail.ticket_reply_subject, number = number, title = title).to_string(),
        body: td_string!(locale, mail.ticket_reply_body, firm = firm, number = number, title = title, body = body, url = url).to_string(),
    }
}

/// A status change, to the client.
pub fn ticket_status(locale: Locale, to: &str, firm: &str, number: i64, title: &str, status: &str, url: &str) -> Mail {
    Mail {
        to: to.into(),
        subject: td_string!(locale, mail.ticket_status_subject, number = number, status = status).to_string(),
        body: td_string!(locale, mail.ticket_status_body, firm = firm, number = number, title = title, status = status, url = url)
            .to_string(),
    }
}
