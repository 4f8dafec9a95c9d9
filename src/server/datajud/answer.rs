//! DataJud's answer: an Elasticsearch `_search` result whose hits are the case in
//! each instance (`grau`), each with its `movimentos` (`codigo`, `nome`, `dataHora`,
//! `complementosTabelados`). Only what Portico uses is read; anything else is ignored.
use crate::model::movement::{MOVEMENT_MAX, MovementSource};
use crate::server::repo::movements::FeedMovement;
use serde::Deserialize;
use sha2::{Digest, Sha256};

#[derive(Debug, Deserialize)]
pub struct Answer {
    pub hits: Hits,
}

#[derive(Debug, Deserialize)]
pub struct Hits {
    pub hits: Vec<Hit>,
}

#[derive(Debug, Deserialize)]
pub struct Hit {
    #[serde(rename = "_source")]
    pub source: Source,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    #[serde(default)]
    pub grau: Option<String>,
    #[serde(default)]
    pub movimentos: Vec<Movimento>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Movimento {
    #[serde(default)]
    pub codigo: Option<i64>,
    #[serde(default)]
    pub nome: Option<String>,
    #[serde(default)]
    pub data_hora: Option<String>,
    #[serde(default)]
    pub complementos_tabelados: Vec<Complemento>,
}

#[derive(Debug, Deserialize)]
pub struct Complemento {
    #[serde(default)]
    pub nome: Option<String>,
}

/// `dataHora` as DataJud writes it (`2024-03-05T14:22:33.000Z`, without the zone,
/// or `20240305142233`), as Brasília time `YYYY-MM-DDTHH:MM` (UTC−3).
pub fn moment(raw: &str) -> Option<String> {
    use chrono::{DateTime, Duration, NaiveDateTime};
    let local = if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
        t.naive_utc() - Duration::hours(3)
    } else {
        ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S", "%Y%m%d%H%M%S", "%Y-%m-%d %H:%M:%S"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(raw, f).ok())?
    };
    Some(local.format("%Y-%m-%dT%H:%M").to_string())
}

/// The movements of every hit, each with a stable id made of what identifies it in
/// DataJud (instance, code, time and name), so fetching again finds the same ids.
/// Movements without a name or a readable time are left out (counted in the
/// second value).
pub fn movements(answer: &Answer) -> (Vec<FeedMovement>, usize) {
    let mut out = Vec::new();
    let mut skipped = 0;
    for hit in &answer.hits.hits {
        let grau = hit.source.grau.as_deref().unwrap_or("");
        for m in &hit.source.movimentos {
            let (Some(nome), Some(raw_at)) = (m.nome.as_deref().map(str::trim).filter(|n| !n.is_empty()), m.data_hora.as_deref()) else {
                skipped += 1;
                continue;
            };
            let Some(occurred_at) = moment(raw_at) else {
                skipped += 1;
                continue;
            };
            let extras: Vec<&str> = m.complementos_tabelados.iter().filter_map(|c| c.nome.as_deref()).filter(|n| !n.trim().is_empty()).collect();
            let mut text = if extras.is_empty() { nome.to_string() } else { format!("{nome} ({})", extras.join("; ")) };
            if text.chars().count() > MOVEMENT_MAX {
                text = text.chars().take(MOVEMENT_MAX).collect();
            }
            let key = format!("{grau}|{}|{raw_at}|{nome}", m.codigo.unwrap_or_default());
            let external_id = hex(&Sha256::digest(key.as_bytes())[..16]);
            out.push(FeedMovement { source: MovementSource::DataJud, external_id, occurred_at, text });
        }
    }
    (out, skipped)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datajud_times_in_brasilia() {
        assert_eq!(moment("2024-03-05T14:22:33.000Z").as_deref(), Some("2024-03-05T11:22"));
        assert_eq!(moment("2024-03-05T14:22:33").as_deref(), Some("2024-03-05T14:22"));
        assert_eq!(moment("20240305142233").as_deref(), Some("2024-03-05T14:22"));
        assert_eq!(moment("ontem"), None);
    }

    #[test]
    fn movements_carry_their_complements_and_stable_ids() {
        let json = r#"{"hits":{"total":{"value":1},"hits":[{"_index":"api_publica_tjsp","_id":"x","_source":{
            "numeroProcesso":"00012340320268260100","grau":"G1","movimentos":[
              {"codigo":51,"nome":"Conclusão","dataHora":"2024-03-05T14:22:33.000Z",
               "complementosTabelados":[{"codigo":3,"valor":5,"nome":"para despacho","descricao":"tipo_de_conclusao"}]},
              {"codigo":85,"nome":"Petição","dataHora":"sem data"},
              {"codigo":26,"nome":"Distribuição","dataHora":"2024-01-10T09:00:00.000Z"}]}}]}}"#;
        let answer: Answer = serde_json::from_str(json).unwrap();
        let (ms, skipped) = movements(&answer);
        assert_eq!(skipped, 1);
        assert_eq!(ms.len(), 2);
        assert_eq!(ms[0].text, "Conclusão (para despacho)");
        assert_eq!(ms[0].occurred_at, "2024-03-05T11:22");
        let again = movements(&serde_json::from_str(json).unwrap()).0;
        assert_eq!(ms[0].external_id, again[0].external_id);
        assert_ne!(ms[0].external_id, ms[1].external_id);
    }
}
